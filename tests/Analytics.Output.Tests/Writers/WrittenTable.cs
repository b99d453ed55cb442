namespace Analytics.Output.Tests.Writers;

/// <summary>
/// A table as a reader of the format sees it once written: column names in order, each row's values (text as
/// <see cref="string"/>, instants as <see cref="DateTimeOffset"/>, whole numbers as <see cref="long"/>, reals as
/// <see cref="double"/>, flags as <see cref="bool"/>, wall-clock times as <see cref="DateTime"/>, a missing value as null), and the file's key-value metadata,
/// null when the format has no room for any.
/// </summary>
public sealed record WrittenTable(IReadOnlyList<string> Columns, IReadOnlyList<object?[]> Rows, IReadOnlyDictionary<string, string>? Metadata);
