using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Analytics.Runs.Jobs;

namespace Analytics.Runs.Sharding;

/// <summary>
/// Which shard analyses an input: a jump consistent hash (Lamping and Veach, 2014) of the input's camera and
/// recording start. It needs nothing but the job file (no file is read), every shard computes the same answer, and
/// it is stable where it matters for a nightly job over a growing archive:
/// <list type="bullet">
/// <item>an input's shard depends on that input alone: files added or erased by retention move no other input;</item>
/// <item>a file moved to another folder, or replaced by a new content, keeps its start and so its shard, whose state
/// recognises it (no second analysis) or replaces its statistics;</item>
/// <item>growing N to N + 1 moves only the inputs the new shard takes, about 1/(N + 1) of them (shrinking it, those
/// of the shards removed); the merge counts each content once whichever states hold it.</item>
/// </list>
/// Balanced in expectation: each shard gets 1/N of the inputs, within the spread of a random draw (about
/// √(inputs/N)); with few inputs the shares are uneven.
/// </summary>
public static class ShardAssignment
{
    /// <summary>The shard of <paramref name="input"/> among <paramref name="count"/>.</summary>
    public static int ShardOf(JobInput input, int count)
    {
        ArgumentNullException.ThrowIfNull(input);
        return JumpHash(Key($"{input.CameraId}\n{input.Start.UtcTicks.ToString(CultureInfo.InvariantCulture)}"), count);
    }

    /// <summary>The shard that reports an input that names no recording (a glob matching nothing, a name without a start).</summary>
    public static int ShardOf(UnusableInput input, int count)
    {
        ArgumentNullException.ThrowIfNull(input);
        return JumpHash(Key($"{input.CameraId}\n{input.Path}"), count);
    }

    /// <summary>Lamping and Veach's jump consistent hash: a bucket in [0, buckets) that moves only when it must as buckets are added.</summary>
    internal static int JumpHash(ulong key, int buckets)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(buckets, 1);
        long b = -1, j = 0;
        while (j < buckets)
        {
            b = j;
            key = unchecked((key * 2862933555777941757UL) + 1);
            j = (long)((b + 1) * ((double)(1L << 31) / ((key >> 33) + 1)));
        }

        return (int)b;
    }

    private static ulong Key(string text) => BinaryPrimitives.ReadUInt64BigEndian(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
