namespace Analytics.Core.Counting;

/// <summary>An object crossed line <see cref="From"/> and later line <see cref="To"/>; timed at the second crossing.</summary>
public readonly record struct OriginDestinationEvent(int From, int To, DateTimeOffset Time, ClassKey Class);
