using Analytics.Runs.Outcomes;
using Analytics.Vision.Video;

namespace Analytics.Runs.Tests.Outcomes;

/// <summary>Which exceptions are one input's own failure (the others go on), of which kind, and how they are worded.</summary>
public sealed class InputFailuresTests
{
    public static TheoryData<string, Exception, bool, FailureKind> Exceptions => new()
    {
        { "truncated", new VideoDecodeException("/a.mp4", 95, TimeSpan.FromSeconds(9.4), "decoding stopped after 95 of the 300 frames"), true, FailureKind.Content },
        { "not a recording", new InputRefusedException("/a.mp4", "is empty or is not a regular file"), true, FailureKind.Refused },
        { "no permission", new UnauthorizedAccessException("Access to the path '/a.mp4' is denied."), true, FailureKind.AccessDenied },
        { "gone", new FileNotFoundException("Could not find file '/a.mp4'."), true, FailureKind.Content },
        { "a bug", new InvalidOperationException("not an input's"), false, FailureKind.Content },
        { "cancelled", new OperationCanceledException(), false, FailureKind.Content },
    };

    [Theory]
    [MemberData(nameof(Exceptions))]
    public void An_exception_is_an_input_failure_of_its_kind_or_not_an_input_s_at_all(string situation, Exception exception, bool inputFailure, FailureKind kind)
    {
        Assert.True(inputFailure == InputFailures.IsInputFailure(exception), situation);
        if (inputFailure)
        {
            Assert.Equal(kind, InputFailures.KindOf(exception));
        }
    }

    [Fact]
    public void A_failure_is_worded_from_the_file_s_path_once()
    {
        Assert.Equal("/a.mp4: is empty or is not a regular file", InputFailures.Describe("/a.mp4", new InputRefusedException("/a.mp4", "is empty or is not a regular file")));
        Assert.Equal("/a.mp4: Access to the path is denied.", InputFailures.Describe("/a.mp4", new UnauthorizedAccessException("Access to the path is denied.")));
    }

    [Theory]
    [InlineData(InputStatus.Analysed, "ok")]
    [InlineData(InputStatus.Failed, "failed")]
    [InlineData(InputStatus.Refused, "refused")]
    public void Statuses_are_written_in_the_words_of_run_json_and_the_audit_log(InputStatus status, string word) => Assert.Equal(word, InputStatusText.Of(status));
}
