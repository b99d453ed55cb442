namespace Analytics.Vision.Detection;

/// <summary>Where inference runs.</summary>
public enum ExecutionProvider
{
    /// <summary>CUDA when this ONNX Runtime build has it and a GPU answers, else the CPU.</summary>
    Auto,

    /// <summary>The CPU (the default).</summary>
    Cpu,

    /// <summary>NVIDIA GPU through the CUDA execution provider (needs the GPU package of ONNX Runtime); no fallback.</summary>
    Cuda,
}
