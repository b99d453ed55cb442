using System.Buffers.Binary;

namespace Analytics.Vision.Video;

/// <summary>
/// How long the video track of an ISO base-media file (MP4, MOV, 3GP) plays, read from its <c>moov</c> box: the
/// durations of its edit list when it has one, else the track's media duration. A clip cut from a recording with
/// stream copy (<c>ffmpeg -ss X -i in -t 5 -c copy out.mp4</c>, recorders' "export clip") keeps the samples from the
/// key frame before X and hides them with an edit list: the container then holds more samples than the decoder
/// shows, so completeness must be judged against the time the file plays, not its sample count.
/// </summary>
internal static class IsoMediaTimeline
{
    /// <summary>The largest <c>moov</c> box read: a day of 25 fps video indexes in about 30 MB.</summary>
    private const long MaxMovieBoxBytes = 256L << 20;

    private const long NoMediaTime = -1; // an empty edit: time that shows no sample

    /// <summary>
    /// The presented duration of the first video track, or null when the file is not ISO base media, is fragmented
    /// (its samples are indexed in <c>moof</c> boxes after the movie box), or does not say.
    /// </summary>
    public static TimeSpan? VideoDuration(string path)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            return MovieBox(stream) is { } movie ? VideoDuration(movie) : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentOutOfRangeException)
        {
            return null; // unreadable or malformed here: the decoder will say what is wrong
        }
    }

    /// <summary>The presented duration of the first video track in the payload of a <c>moov</c> box.</summary>
    internal static TimeSpan? VideoDuration(ReadOnlySpan<byte> movie)
    {
        if (!Child(movie, "mvhd"u8, out var header) || Child(movie, "mvex"u8, out _))
        {
            return null;
        }

        var movieTimescale = header[0] == 1 ? BinaryPrimitives.ReadUInt32BigEndian(header[20..]) : BinaryPrimitives.ReadUInt32BigEndian(header[12..]);
        var offset = 0;
        while (NextChild(movie, ref offset, "trak"u8, out var track))
        {
            if (!Child(track, "mdia"u8, out var media) || !Child(media, "hdlr"u8, out var handler) || !handler[8..12].SequenceEqual("vide"u8))
            {
                continue;
            }

            if (Child(track, "edts"u8, out var edits) && Child(edits, "elst"u8, out var list) && movieTimescale > 0)
            {
                return EditedDuration(list, movieTimescale);
            }

            return Child(media, "mdhd"u8, out var mediaHeader) ? MediaDuration(mediaHeader) : null;
        }

        return null;
    }

    private static TimeSpan? EditedDuration(ReadOnlySpan<byte> list, uint movieTimescale)
    {
        var wide = list[0] == 1;
        var entries = BinaryPrimitives.ReadUInt32BigEndian(list[4..]);
        var entrySize = wide ? 20 : 12;
        ulong shown = 0;
        for (var i = 0; i < entries; i++)
        {
            var entry = list.Slice(8 + (i * entrySize), entrySize);
            var duration = wide ? BinaryPrimitives.ReadUInt64BigEndian(entry) : BinaryPrimitives.ReadUInt32BigEndian(entry);
            var mediaTime = wide ? BinaryPrimitives.ReadInt64BigEndian(entry[8..]) : BinaryPrimitives.ReadInt32BigEndian(entry[4..]);
            if (mediaTime != NoMediaTime)
            {
                shown += duration;
            }
        }

        return shown > 0 ? TimeSpan.FromSeconds((double)shown / movieTimescale) : null;
    }

    private static TimeSpan? MediaDuration(ReadOnlySpan<byte> mediaHeader)
    {
        var wide = mediaHeader[0] == 1;
        var timescale = BinaryPrimitives.ReadUInt32BigEndian(mediaHeader[(wide ? 20 : 12)..]);
        var duration = wide ? BinaryPrimitives.ReadUInt64BigEndian(mediaHeader[24..]) : BinaryPrimitives.ReadUInt32BigEndian(mediaHeader[16..]);
        return timescale > 0 && duration is > 0 and not uint.MaxValue and not ulong.MaxValue ? TimeSpan.FromSeconds((double)duration / timescale) : null;
    }

    /// <summary>The payload of the top-level <c>moov</c> box, found by walking the box headers (it may be at the end).</summary>
    private static byte[]? MovieBox(FileStream stream)
    {
        Span<byte> head = stackalloc byte[16];
        var position = 0L;
        while (position + 8 <= stream.Length)
        {
            stream.Position = position;
            if (stream.ReadAtLeast(head, 16, throwOnEndOfStream: false) < 8)
            {
                return null;
            }

            var size = (long)BinaryPrimitives.ReadUInt32BigEndian(head);
            var headerSize = 8;
            if (size == 1)
            {
                size = (long)BinaryPrimitives.ReadUInt64BigEndian(head[8..]);
                headerSize = 16;
            }
            else if (size == 0)
            {
                size = stream.Length - position;
            }

            if (size < headerSize)
            {
                return null;
            }

            if (head[4..8].SequenceEqual("moov"u8))
            {
                var length = size - headerSize;
                if (length > MaxMovieBoxBytes || position + size > stream.Length)
                {
                    return null; // a movie box cut short: the decoder reports the file as truncated
                }

                var movie = new byte[length];
                stream.Position = position + headerSize;
                stream.ReadExactly(movie);
                return movie;
            }

            position += size;
        }

        return null;
    }

    private static bool Child(ReadOnlySpan<byte> parent, ReadOnlySpan<byte> type, out ReadOnlySpan<byte> payload)
    {
        var offset = 0;
        return NextChild(parent, ref offset, type, out payload);
    }

    /// <summary>
    /// The payload of the next box of <paramref name="type"/> in <paramref name="parent"/> from <paramref name="offset"/>,
    /// which then points after it.
    /// </summary>
    private static bool NextChild(ReadOnlySpan<byte> parent, scoped ref int offset, ReadOnlySpan<byte> type, out ReadOnlySpan<byte> payload)
    {
        while (parent.Length - offset >= 8)
        {
            var rest = parent[offset..];
            var size = (long)BinaryPrimitives.ReadUInt32BigEndian(rest);
            var headerSize = 8;
            if (size == 1 && rest.Length >= 16)
            {
                size = (long)BinaryPrimitives.ReadUInt64BigEndian(rest[8..]);
                headerSize = 16;
            }
            else if (size == 0)
            {
                size = rest.Length;
            }

            if (size < headerSize || size > rest.Length)
            {
                break;
            }

            var box = rest[..(int)size];
            offset += (int)size;
            if (box[4..8].SequenceEqual(type))
            {
                payload = box[headerSize..];
                return true;
            }
        }

        offset = parent.Length;
        payload = default;
        return false;
    }
}
