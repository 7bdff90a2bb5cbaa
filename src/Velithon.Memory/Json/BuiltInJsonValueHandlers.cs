using System.Text.Json;

namespace Velithon.Json;

/// <summary>
/// The handlers of the primitives the generator supports (and their <see cref="Nullable{T}"/>), written and read with
/// the same writer and reader helpers as the generated code for a member of that type, under the Web defaults.
/// </summary>
internal static class BuiltInJsonValueHandlers
{
    public static void TryRegister<T>()
    {
        // typeof(T) comparisons are constants per instantiation: only the matching branch is kept.
        if (typeof(T) == typeof(bool) || typeof(T) == typeof(bool?)) Both<bool>(static (ref w, v) => w.WriteBoolean(v), static (ref r, name) => JsonRead.Boolean(ref r, name), static (ref JsonFastReader r, VelithonJsonOptions _, out bool v) => r.TryBoolean(out v));
        else if (typeof(T) == typeof(byte) || typeof(T) == typeof(byte?)) Both<byte>(static (ref w, v) => w.WriteNumber(v), static (ref r, name) => JsonRead.Byte(ref r, name), static (ref JsonFastReader r, VelithonJsonOptions _, out byte v) => r.TryByte(out v));
        else if (typeof(T) == typeof(sbyte) || typeof(T) == typeof(sbyte?)) Both<sbyte>(static (ref w, v) => w.WriteNumber(v), static (ref r, name) => JsonRead.SByte(ref r, name), static (ref JsonFastReader r, VelithonJsonOptions _, out sbyte v) => r.TrySByte(out v));
        else if (typeof(T) == typeof(short) || typeof(T) == typeof(short?)) Both<short>(static (ref w, v) => w.WriteNumber(v), static (ref r, name) => JsonRead.Int16(ref r, name), static (ref JsonFastReader r, VelithonJsonOptions _, out short v) => r.TryInt16(out v));
        else if (typeof(T) == typeof(ushort) || typeof(T) == typeof(ushort?)) Both<ushort>(static (ref w, v) => w.WriteNumber(v), static (ref r, name) => JsonRead.UInt16(ref r, name), static (ref JsonFastReader r, VelithonJsonOptions _, out ushort v) => r.TryUInt16(out v));
        else if (typeof(T) == typeof(int) || typeof(T) == typeof(int?)) Both<int>(static (ref w, v) => w.WriteNumber(v), static (ref r, name) => JsonRead.Int32(ref r, name), static (ref JsonFastReader r, VelithonJsonOptions _, out int v) => r.TryInt32(out v));
        else if (typeof(T) == typeof(uint) || typeof(T) == typeof(uint?)) Both<uint>(static (ref w, v) => w.WriteNumber(v), static (ref r, name) => JsonRead.UInt32(ref r, name), static (ref JsonFastReader r, VelithonJsonOptions _, out uint v) => r.TryUInt32(out v));
        else if (typeof(T) == typeof(long) || typeof(T) == typeof(long?)) Both<long>(static (ref w, v) => w.WriteNumber(v), static (ref r, name) => JsonRead.Int64(ref r, name), static (ref JsonFastReader r, VelithonJsonOptions _, out long v) => r.TryInt64(out v));
        else if (typeof(T) == typeof(ulong) || typeof(T) == typeof(ulong?)) Both<ulong>(static (ref w, v) => w.WriteNumber(v), static (ref r, name) => JsonRead.UInt64(ref r, name), static (ref JsonFastReader r, VelithonJsonOptions _, out ulong v) => r.TryUInt64(out v));
        else if (typeof(T) == typeof(float) || typeof(T) == typeof(float?)) Both<float>(static (ref w, v) => w.WriteNumber(v), static (ref r, name) => JsonRead.Single(ref r, name), static (ref JsonFastReader r, VelithonJsonOptions _, out float v) => r.TrySingle(out v));
        else if (typeof(T) == typeof(double) || typeof(T) == typeof(double?)) Both<double>(static (ref w, v) => w.WriteNumber(v), static (ref r, name) => JsonRead.Double(ref r, name), static (ref JsonFastReader r, VelithonJsonOptions _, out double v) => r.TryDouble(out v));
        else if (typeof(T) == typeof(decimal) || typeof(T) == typeof(decimal?)) Both<decimal>(static (ref w, v) => w.WriteNumber(v), static (ref r, name) => JsonRead.Decimal(ref r, name), static (ref JsonFastReader r, VelithonJsonOptions _, out decimal v) => r.TryDecimal(out v));
        else if (typeof(T) == typeof(Half) || typeof(T) == typeof(Half?)) Both<Half>(static (ref w, v) => w.WriteNumber(v), static (ref r, name) => JsonRead.Half(ref r, name));
        else if (typeof(T) == typeof(Int128) || typeof(T) == typeof(Int128?)) Both<Int128>(static (ref w, v) => w.WriteNumber(v), static (ref r, name) => JsonRead.Int128(ref r, name));
        else if (typeof(T) == typeof(UInt128) || typeof(T) == typeof(UInt128?)) Both<UInt128>(static (ref w, v) => w.WriteNumber(v), static (ref r, name) => JsonRead.UInt128(ref r, name));
        else if (typeof(T) == typeof(char) || typeof(T) == typeof(char?)) Both<char>(static (ref w, v) => w.WriteString(v), static (ref r, name) => JsonRead.Char(ref r, name));
        else if (typeof(T) == typeof(Guid) || typeof(T) == typeof(Guid?)) Both<Guid>(static (ref w, v) => w.WriteString(v), static (ref r, name) => JsonRead.Guid(ref r, name), static (ref JsonFastReader r, VelithonJsonOptions _, out Guid v) => r.TryGuid(out v));
        else if (typeof(T) == typeof(DateTime) || typeof(T) == typeof(DateTime?)) Both<DateTime>(static (ref w, v) => w.WriteString(v), static (ref r, name) => JsonRead.DateTime(ref r, name), static (ref JsonFastReader r, VelithonJsonOptions _, out DateTime v) => r.TryDateTime(out v));
        else if (typeof(T) == typeof(DateTimeOffset) || typeof(T) == typeof(DateTimeOffset?)) Both<DateTimeOffset>(static (ref w, v) => w.WriteString(v), static (ref r, name) => JsonRead.DateTimeOffset(ref r, name), static (ref JsonFastReader r, VelithonJsonOptions _, out DateTimeOffset v) => r.TryDateTimeOffset(out v));
        else if (typeof(T) == typeof(DateOnly) || typeof(T) == typeof(DateOnly?)) Both<DateOnly>(static (ref w, v) => w.WriteString(v), static (ref r, name) => JsonRead.DateOnly(ref r, name));
        else if (typeof(T) == typeof(TimeOnly) || typeof(T) == typeof(TimeOnly?)) Both<TimeOnly>(static (ref w, v) => w.WriteString(v), static (ref r, name) => JsonRead.TimeOnly(ref r, name));
        else if (typeof(T) == typeof(TimeSpan) || typeof(T) == typeof(TimeSpan?)) Both<TimeSpan>(static (ref w, v) => w.WriteString(v), static (ref r, name) => JsonRead.TimeSpan(ref r, name));
        else if (typeof(T) == typeof(string)) One<string>(static (ref w, v) => w.WriteString(v), static (ref r, name) => JsonRead.String(ref r, name)!, static (ref JsonFastReader r, VelithonJsonOptions _, out string v) => r.TryString(out v!));
        else if (typeof(T) == typeof(Uri)) One<Uri>(static (ref w, v) => w.WriteString(v), static (ref r, name) => JsonRead.Uri(ref r, name)!);
        else if (typeof(T) == typeof(byte[])) One<byte[]>(static (ref w, v) => w.WriteBase64String(v), static (ref r, name) => JsonRead.Base64(ref r, name)!);
    }

    // A primitive value type is registered with its Nullable<T> (whichever of the two is asked for first); errors name
    // the type as System.Text.Json does (System.Nullable`1[System.Int32] inside a nullable).
    private static void Both<TValue>(JsonValueWriter<TValue> writer, NamedReader<TValue> reader, JsonValueFastReader<TValue>? fast = null)
        where TValue : struct
    {
        JsonValueHandler<TValue>.RegisterValue(writer, (ref Utf8JsonReader r, VelithonJsonOptions _, string name) => reader(ref r, name), fast);
        JsonValueHandler<TValue?>.RegisterValue(
            (ref VelithonJsonWriter w, TValue? v) => writer(ref w, v!.Value),
            (ref Utf8JsonReader r, VelithonJsonOptions _, string name) => reader(ref r, name),
            fast is null ? null : (ref JsonFastReader r, VelithonJsonOptions o, out TValue? v) =>
            {
                bool read = fast(ref r, o, out TValue inner);
                v = inner;
                return read;
            });
    }

    private static void One<TValue>(JsonValueWriter<TValue> writer, NamedReader<TValue> reader, JsonValueFastReader<TValue>? fast = null) =>
        JsonValueHandler<TValue>.RegisterValue(writer, (ref Utf8JsonReader r, VelithonJsonOptions _, string name) => reader(ref r, name), fast);

    private delegate T NamedReader<out T>(ref Utf8JsonReader reader, string typeName);
}
