using System.Buffers;
using System.Buffers.Text;
using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Unicode;

namespace Velithon.Json;

public ref partial struct JsonFastReader
{
    /// <summary>
    /// Reads a <see cref="System.DateTime"/> written <c>yyyy-MM-ddTHH:mm:ss</c>, optionally with 1 to 7 fraction digits and
    /// optionally <c>Z</c> (<see cref="DateTimeKind.Utc"/>; without it <see cref="DateTimeKind.Unspecified"/>), as
    /// System.Text.Json reads those forms. Offsets and other ISO 8601 forms are left to the full reader.
    /// </summary>
    /// <param name="value">The value.</param>
    /// <returns>Whether it was read.</returns>
    public bool TryDateTime(out DateTime value)
    {
        value = default;
        int start = SkipWhitespaceAndGet();
        ReadOnlySpan<byte> s = _json[start..];
        if (!TryClock(s, out long ticks, out int at))
        {
            return false;
        }

        DateTimeKind kind = DateTimeKind.Unspecified;
        if (at < s.Length && s[at] == (byte)'Z')
        {
            kind = DateTimeKind.Utc;
            at++;
        }

        if (at >= s.Length || s[at] != (byte)'"')
        {
            return false;
        }

        value = new DateTime(ticks, kind);
        _position = start + at + 1;
        return true;
    }

    /// <summary>
    /// Reads a <see cref="System.DateTimeOffset"/> written <c>yyyy-MM-ddTHH:mm:ss</c>, optionally with 1 to 7 fraction
    /// digits, then <c>Z</c> or <c>+hh:mm</c> / <c>-hh:mm</c>, as System.Text.Json reads those forms. No offset (which STJ
    /// reads as the local one), other offset forms and values out of range are left to the full reader.
    /// </summary>
    /// <param name="value">The value.</param>
    /// <returns>Whether it was read.</returns>
    public bool TryDateTimeOffset(out DateTimeOffset value)
    {
        value = default;
        int start = SkipWhitespaceAndGet();
        ReadOnlySpan<byte> s = _json[start..];
        if (!TryClock(s, out long ticks, out int at) || at >= s.Length)
        {
            return false;
        }

        int offsetMinutes = 0;
        if (s[at] == (byte)'Z')
        {
            at++;
        }
        else
        {
            if (at + 6 > s.Length || s[at] is not ((byte)'+' or (byte)'-') || s[at + 3] != (byte)':'
                || !JsonText.TwoDigits(s, at + 1, out int hours) || !JsonText.TwoDigits(s, at + 4, out int minutes) || minutes > 59)
            {
                return false;
            }

            offsetMinutes = (hours * 60) + minutes;
            if (offsetMinutes > 14 * 60)
            {
                return false;
            }

            if (s[at] == (byte)'-')
            {
                offsetMinutes = -offsetMinutes;
            }

            at += 6;
        }

        long utcTicks = ticks - (offsetMinutes * TimeSpan.TicksPerMinute);
        if (at >= s.Length || s[at] != (byte)'"' || (ulong)utcTicks > (ulong)DateTime.MaxValue.Ticks)
        {
            return false;
        }

        value = new DateTimeOffset(ticks, TimeSpan.FromMinutes(offsetMinutes));
        _position = start + at + 1;
        return true;
    }

    // "yyyy-MM-ddTHH:mm:ss[.f{1,7}] (from the opening quote) to ticks; at is where the zone (or the closing quote) starts.
    private static bool TryClock(ReadOnlySpan<byte> s, out long ticks, out int at)
    {
        ticks = 0;
        at = 0;
        if (s.Length < 21 || s[0] != (byte)'"' || s[5] != (byte)'-' || s[8] != (byte)'-' || s[11] != (byte)'T'
            || s[14] != (byte)':' || s[17] != (byte)':'
            || !JsonText.TwoDigits(s, 1, out int century) || !JsonText.TwoDigits(s, 3, out int yearInCentury) || !JsonText.TwoDigits(s, 6, out int month)
            || !JsonText.TwoDigits(s, 9, out int day) || !JsonText.TwoDigits(s, 12, out int hour) || !JsonText.TwoDigits(s, 15, out int minute)
            || !JsonText.TwoDigits(s, 18, out int second))
        {
            return false;
        }

        int year = (century * 100) + yearInCentury;
        if (year < 1 || (uint)(month - 1) > 11 || day < 1 || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        // Days before the month, then the day checked against the month's length (February 29 only in leap years), as
        // DateTime's constructor checks them; the ticks are then built directly (4-digit years stay below MaxValue).
        ReadOnlySpan<ushort> daysToMonth = (year & 3) == 0 && (year % 100 != 0 || year % 400 == 0) ? DaysToMonth366 : DaysToMonth365;
        int daysBefore = daysToMonth[month - 1];
        if (day > daysToMonth[month] - daysBefore)
        {
            return false;
        }

        int y = year - 1;
        long days = ((long)y * 365) + (y / 4) - (y / 100) + (y / 400) + daysBefore + day - 1;
        ticks = (days * TimeSpan.TicksPerDay) + (((((hour * 60) + minute) * 60) + second) * TimeSpan.TicksPerSecond);

        at = 20;
        if (at < s.Length && s[at] == (byte)'.')
        {
            at++;
            int digits = 0;
            long fraction = 0;
            while (at < s.Length && char.IsAsciiDigit((char)s[at]))
            {
                if (++digits > 7)
                {
                    return false;
                }

                fraction = (fraction * 10) + (s[at] - '0');
                at++;
            }

            if (digits == 0)
            {
                return false;
            }

            for (; digits < 7; digits++)
            {
                fraction *= 10;
            }

            ticks += fraction;
        }

        return true;
    }

    // Days before each month (and the year's total), as DateTime keeps them.
    private static readonly ushort[] DaysToMonth365 = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334, 365];

    private static readonly ushort[] DaysToMonth366 = [0, 31, 60, 91, 121, 152, 182, 213, 244, 274, 305, 335, 366];
}
