using Analytics.Core.Integrity;

namespace Analytics.Core.Tests.Integrity;

public sealed class FileHashTests
{
    [Fact]
    public async Task Hashes_a_file_as_lower_case_hex_synchronously_and_asynchronously()
    {
        var path = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(path, "abc");
            const string Expected = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"; // SHA-256("abc"), FIPS 180-2 test vector

            Assert.Equal(Expected, FileHash.Sha256Hex(path));
            Assert.Equal(Expected, await FileHash.Sha256HexAsync(path, CancellationToken.None));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", true)]
    [InlineData("BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD", true)]
    [InlineData("ba7816bf", false)]
    [InlineData("zz7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", false)]
    [InlineData(null, false)]
    public void Recognises_a_sha256_hex_string(string? candidate, bool expected) =>
        Assert.Equal(expected, FileHash.IsSha256Hex(candidate));
}
