// Each use below must be reported as RS0030 (banned symbol). Do not "fix" this file.
using OpenCvSharp;

namespace BanCanary;

internal static class Canary
{
    public static void UseBannedApis(Mat frame)
    {
        using var cascade = new CascadeClassifier("haarcascade_frontalface_default.xml");
        using var yunet = FaceDetectorYN.Create("face.onnx", "", new Size(320, 320));
        using var lbph = OpenCvSharp.Face.LBPHFaceRecognizer.Create();
        using var landmarks = OpenCvSharp.Face.FacemarkLBF.Create();
        using var ocr = OpenCvSharp.Text.OCRTesseract.Create();
        using var csrt = OpenCvSharp.Tracking.TrackerCSRT.Create();
        Cv2.ImWrite("frame.png", frame);
        Cv2.ImEncode(".jpg", frame, out _);
        frame.SaveImage("frame.png");
        using var writer = new VideoWriter("out.mp4", FourCC.MP4V, 10, new Size(480, 360));
        using var net = OpenCvSharp.Dnn.CvDnn.ReadNetFromOnnx("face.onnx");
    }
}
