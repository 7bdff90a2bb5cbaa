namespace Velithon.Json;

/// <summary>
/// Writes <see cref="DateTime"/> and <see cref="DateTimeOffset"/> exactly as System.Text.Json does: the round-trip
/// ("O") form <c>yyyy-MM-ddTHH:mm:ss[.fffffff]</c> with trailing fraction zeros (and a bare dot) dropped, then
/// <c>Z</c> (UTC), nothing (unspecified) or the offset <c>+hh:mm</c> / <c>-hh:mm</c> (local, and every offset value).
/// </summary>
internal static class Iso8601Formatter
{
    /// <summary>The longest output: quotes, date and time, a seven-digit fraction and an offset.</summary>
    public const int MaxLength = 1 + 19 + 8 + 6 + 1;

    /// <summary>Writes <paramref name="value"/> as a quoted JSON string.</summary>
    /// <param name="destination">At least <see cref="MaxLength"/> bytes.</param>
    /// <param name="value">The value.</param>
    /// <returns>The bytes written.</returns>
    public static int Write(DateTime value, Span<byte> destination)
    {
        int length = WriteClock(destination, value);
        switch (value.Kind)
        {
            case DateTimeKind.Utc:
                destination[length++] = (byte)'Z';
                break;
            case DateTimeKind.Local:
                // The same offset the "O" format STJ goes through takes: TimeZoneInfo.Local's, truncated to minutes.
                TimeSpan offset = TimeZoneInfo.Local.GetUtcOffset(value);
                length = WriteOffset(destination, length, (int)(offset.Ticks / TimeSpan.TicksPerMinute));
                break;
        }

        destination[length] = (byte)'"';
        return length + 1;
    }

    /// <summary>Writes <paramref name="value"/> (its clock time and offset) as a quoted JSON string.</summary>
    /// <param name="destination">At least <see cref="MaxLength"/> bytes.</param>
    /// <param name="value">The value.</param>
    /// <returns>The bytes written.</returns>
    public static int Write(DateTimeOffset value, Span<byte> destination)
    {
        int length = WriteClock(destination, value.DateTime);
        length = WriteOffset(destination, length, value.TotalOffsetMinutes);
        destination[length] = (byte)'"';
        return length + 1;
    }

    // The opening quote, the date, the time and the trimmed fraction; returns the length so far.
    private static int WriteClock(Span<byte> destination, DateTime value)
    {
        // A constant length lets the JIT drop the bounds checks of the fixed positions below.
        destination = destination[..MaxLength];
        value.Deconstruct(out int year, out int month, out int day);
        ulong timeOfDay = (ulong)value.Ticks % TimeSpan.TicksPerDay;
        uint seconds = (uint)(timeOfDay / TimeSpan.TicksPerSecond);
        uint fraction = (uint)(timeOfDay % TimeSpan.TicksPerSecond);
        uint hour = seconds / 3600;
        seconds -= hour * 3600;
        uint minute = seconds / 60;
        seconds -= minute * 60;

        destination[0] = (byte)'"';
        DecimalDigits.WritePair(destination, 1, (uint)year / 100);
        DecimalDigits.WritePair(destination, 3, (uint)year % 100);
        destination[5] = (byte)'-';
        DecimalDigits.WritePair(destination, 6, (uint)month);
        destination[8] = (byte)'-';
        DecimalDigits.WritePair(destination, 9, (uint)day);
        destination[11] = (byte)'T';
        DecimalDigits.WritePair(destination, 12, hour);
        destination[14] = (byte)':';
        DecimalDigits.WritePair(destination, 15, minute);
        destination[17] = (byte)':';
        DecimalDigits.WritePair(destination, 18, seconds);
        if (fraction == 0)
        {
            return 20;
        }

        // All seven digits, then back over the trailing zeros (there is a non-zero digit, so this stops after the dot).
        destination[20] = (byte)'.';
        DecimalDigits.WriteFixed(destination.Slice(21, 7), fraction);
        int end = 28;
        while (destination[end - 1] == (byte)'0')
        {
            end--;
        }

        return end;
    }

    private static int WriteOffset(Span<byte> destination, int at, int totalMinutes)
    {
        byte sign = (byte)'+';
        if (totalMinutes < 0)
        {
            sign = (byte)'-';
            totalMinutes = -totalMinutes;
        }

        uint hours = (uint)totalMinutes / 60;
        destination[at] = sign;
        DecimalDigits.WritePair(destination, at + 1, hours);
        destination[at + 3] = (byte)':';
        DecimalDigits.WritePair(destination, at + 4, (uint)totalMinutes - (hours * 60));
        return at + 6;
    }
}
