using System.Collections;
using System.Collections.Concurrent;
using System.Reflection;

namespace Analytics.Runs.State;

/// <summary>
/// Whether a record read from the state has every field its type says it always has: a file of the right format
/// but the wrong shape (a field written as nil, a record cut short) is a damaged state, said as such, never a crash
/// later on when the field is used.
/// </summary>
internal static class StateRecordShape
{
    /// <summary>Whether each property never holds null, read once per property (NullabilityInfoContext is not thread-safe: one per read).</summary>
    private static readonly ConcurrentDictionary<PropertyInfo, bool> NeverNull = new();

    /// <summary>The name of the first non-nullable field that is null, looking into nested records and collections; null when complete.</summary>
    public static string? FirstMissing(object value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value is IDictionary dictionary)
        {
            foreach (DictionaryEntry entry in dictionary)
            {
                if (entry.Value is null || (IsRecord(entry.Value.GetType()) && FirstMissing(entry.Value) is not null))
                {
                    return $"the entry for {entry.Key}";
                }
            }

            return null;
        }

        if (value is IEnumerable items and not string)
        {
            var index = 0;
            foreach (var item in items)
            {
                if (item is null || (IsRecord(item.GetType()) && FirstMissing(item) is { } inner))
                {
                    return $"item {index}";
                }

                index++;
            }

            return null;
        }

        foreach (var property in value.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length > 0 || property.PropertyType.IsValueType)
            {
                continue;
            }

            var field = property.GetValue(value);
            if (field is null)
            {
                if (NeverNull.GetOrAdd(property, static p => new NullabilityInfoContext().Create(p).ReadState == NullabilityState.NotNull))
                {
                    return property.Name;
                }

                continue;
            }

            if ((IsRecord(property.PropertyType) || field is IEnumerable and not string) && FirstMissing(field) is { } nested)
            {
                return $"{property.Name}: {nested}";
            }
        }

        return null;
    }

    private static bool IsRecord(Type type) => type.Namespace == typeof(StateRecordShape).Namespace && !type.IsEnum;
}
