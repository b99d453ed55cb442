using System.Globalization;
using Analytics.Output.Writers;
using MessagePack;
using MessagePack.Resolvers;
using Analytics.Runs.Jobs;
using Analytics.Runs.Outcomes;

namespace Analytics.Runs.State;

/// <summary>The state folder cannot serve this job (another purpose, changed analysis) or is damaged.</summary>
public sealed class StateException(string message, StateProblem problem) : Exception(message)
{
    public StateProblem Problem { get; } = problem;
}
