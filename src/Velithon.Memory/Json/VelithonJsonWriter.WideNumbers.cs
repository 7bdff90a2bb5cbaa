using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Velithon.Json;

// Half, Int128 and UInt128, written as System.Text.Json's converters for them write: the type's own invariant UTF-8
// formatting (Half's shortest round-trip text, "6E-08" style exponents included), raw.
public ref partial struct VelithonJsonWriter
{
    // Half's longest text is 10 bytes ("-6.104E-05"), an Int128's 40 ("-170141183460469231731687303715884105728").
    private const int MaxWideNumberLength = 40;

    /// <summary>Writes a <see cref="Half"/> as System.Text.Json does (its invariant, shortest round-trip text).</summary>
    /// <param name="value">The value.</param>
    /// <exception cref="JsonException"><paramref name="value"/> is NaN or an infinity: as in System.Text.Json, whose writer
    /// rejects the text <c>NaN</c> as JSON.</exception>
    public void WriteNumber(Half value)
    {
        CheckValueDepth();
        Span<byte> text = stackalloc byte[MaxWideNumberLength];
        value.TryFormat(text, out int written, default, CultureInfo.InvariantCulture);
        if (!Half.IsFinite(value))
        {
            ThrowNotJson(text[..written]);
        }

        WriteRaw(text[..written]);
    }

    /// <summary>
    /// Writes a <see cref="Half"/> as System.Text.Json does with <paramref name="handling"/>: quoted with
    /// <see cref="JsonNumberHandling.WriteAsString"/> (<c>"NaN"</c> too), a non-finite value as <c>"NaN"</c>,
    /// <c>"Infinity"</c> or <c>"-Infinity"</c> with <see cref="JsonNumberHandling.AllowNamedFloatingPointLiterals"/>.
    /// </summary>
    /// <param name="value">The value.</param>
    /// <param name="handling">The number handling.</param>
    /// <exception cref="JsonException"><paramref name="value"/> is not finite and <paramref name="handling"/> allows no string for it.</exception>
    public void WriteNumber(Half value, JsonNumberHandling handling)
    {
        if ((handling & JsonNumberHandling.WriteAsString) == 0
            && (Half.IsFinite(value) || (handling & JsonNumberHandling.AllowNamedFloatingPointLiterals) == 0))
        {
            WriteNumber(value);
            return;
        }

        CheckValueDepth();
        Span<byte> text = stackalloc byte[MaxWideNumberLength + 2];
        text[0] = (byte)'"';
        value.TryFormat(text[1..], out int written, default, CultureInfo.InvariantCulture);
        text[written + 1] = (byte)'"';
        WriteRaw(text[..(written + 2)]);
    }

    /// <summary>Writes an <see cref="Int128"/> as a JSON number.</summary>
    /// <param name="value">The value.</param>
    public void WriteNumber(Int128 value)
    {
        CheckValueDepth();
        Span<byte> text = stackalloc byte[MaxWideNumberLength];
        value.TryFormat(text, out int written, default, CultureInfo.InvariantCulture);
        WriteRaw(text[..written]);
    }

    /// <summary>Writes a <see cref="UInt128"/> as a JSON number.</summary>
    /// <param name="value">The value.</param>
    public void WriteNumber(UInt128 value)
    {
        CheckValueDepth();
        Span<byte> text = stackalloc byte[MaxWideNumberLength];
        value.TryFormat(text, out int written, default, CultureInfo.InvariantCulture);
        WriteRaw(text[..written]);
    }

    /// <summary>Writes an <see cref="Int128"/> as a JSON string holding its digits (<see cref="JsonNumberHandling.WriteAsString"/>).</summary>
    /// <param name="value">The value.</param>
    public void WriteWideNumberAsString(Int128 value)
    {
        CheckValueDepth();
        Span<byte> text = stackalloc byte[MaxWideNumberLength + 2];
        text[0] = (byte)'"';
        value.TryFormat(text[1..], out int written, default, CultureInfo.InvariantCulture);
        text[written + 1] = (byte)'"';
        WriteRaw(text[..(written + 2)]);
    }

    /// <summary>Writes a <see cref="UInt128"/> as a JSON string holding its digits (<see cref="JsonNumberHandling.WriteAsString"/>).</summary>
    /// <param name="value">The value.</param>
    public void WriteWideNumberAsString(UInt128 value)
    {
        CheckValueDepth();
        Span<byte> text = stackalloc byte[MaxWideNumberLength + 2];
        text[0] = (byte)'"';
        value.TryFormat(text[1..], out int written, default, CultureInfo.InvariantCulture);
        text[written + 1] = (byte)'"';
        WriteRaw(text[..(written + 2)]);
    }

    // System.Text.Json writes the converter's text through its validating raw writer, which reads it as JSON and throws
    // the reader's error ("'N' is an invalid start of a value."); reading it the same way gives the same exception.
    // System.Text.Json's HalfConverter writes the text raw, and its writer's validation throws the reader's error,
    // which the serializer lets out as it is, with the write path set: kept, and given its path on the way out.
    private static void ThrowNotJson(ReadOnlySpan<byte> text)
    {
        try
        {
            var reader = new Utf8JsonReader(text);
            reader.Read();
        }
        catch (JsonException ex)
        {
            throw JsonWriteException.Keeping(ex);
        }

        throw JsonWriteException.Keeping(new JsonException("'" + (char)text[0] + "' is an invalid start of a value."));
    }
}
