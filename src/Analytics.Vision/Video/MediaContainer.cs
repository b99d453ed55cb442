using System.Text;

namespace Analytics.Vision.Video;

/// <summary>
/// Which files may be handed to the decoder: real media containers only, recognised by their first bytes. FFmpeg
/// also reads text formats that name other files or URLs (concat lists, HLS/M3U playlists, DASH manifests, SDP):
/// opening one would analyse files that were never hashed, settle-checked or retention-checked, or a live stream.
/// </summary>
internal static class MediaContainer
{
    private const int Probe = 16;

    /// <summary>Why <paramref name="path"/> may not be decoded, or null when it starts like a media container.</summary>
    public static string? Refusal(string path)
    {
        var head = new byte[Probe];
        int read;
        using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite))
        {
            read = stream.ReadAtLeast(head, Probe, throwOnEndOfStream: false);
        }

        var bytes = head.AsSpan(0, read);
        if (IsContainer(bytes))
        {
            return null;
        }

        var text = Encoding.ASCII.GetString(bytes).TrimStart('\uFEFF', ' ', '\t', '\r', '\n');
        return LooksLikeText(bytes)
            ? $"it is a text file (\"{new string(text.TakeWhile(c => c is not ('\r' or '\n')).ToArray())}...\"), not a recording: playlists and concat lists name other files or streams, which are never opened"
            : "it does not start like a media container this product reads (MP4/MOV, Matroska/WebM, AVI, MPEG-TS/PS, FLV, ASF, GIF, raw H.264/H.265, MJPEG, Y4M)";
    }

    private static bool IsContainer(ReadOnlySpan<byte> b) =>
        (b.Length >= 8 && b[4..8].SequenceEqual("ftyp"u8)) // MP4, MOV, 3GP (ISO base media)
        || (b.Length >= 8 && (b[4..8].SequenceEqual("moov"u8) || b[4..8].SequenceEqual("mdat"u8) || b[4..8].SequenceEqual("wide"u8) || b[4..8].SequenceEqual("free"u8))) // QuickTime without ftyp
        || b.StartsWith((ReadOnlySpan<byte>)[0x1A, 0x45, 0xDF, 0xA3]) // Matroska, WebM
        || (b.Length >= 12 && b.StartsWith("RIFF"u8) && b[8..12].SequenceEqual("AVI "u8))
        || b.StartsWith((ReadOnlySpan<byte>)[0x47]) // MPEG transport stream (sync byte)
        || b.StartsWith((ReadOnlySpan<byte>)[0x00, 0x00, 0x01, 0xBA]) // MPEG program stream
        || b.StartsWith("FLV"u8)
        || b.StartsWith((ReadOnlySpan<byte>)[0x30, 0x26, 0xB2, 0x75]) // ASF, WMV
        || b.StartsWith("GIF8"u8)
        || b.StartsWith((ReadOnlySpan<byte>)[0x00, 0x00, 0x00, 0x01]) || b.StartsWith((ReadOnlySpan<byte>)[0x00, 0x00, 0x01]) // H.264/H.265 elementary streams
        || b.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]) // MJPEG
        || b.StartsWith("YUV4MPEG2"u8);

    private static bool LooksLikeText(ReadOnlySpan<byte> b)
    {
        foreach (var c in b)
        {
            if (c is < 0x09 or (> 0x0D and < 0x20) && c != 0x1B)
            {
                return false;
            }
        }

        return b.Length > 0;
    }
}
