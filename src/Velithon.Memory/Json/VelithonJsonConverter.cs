using System.Text.Json;
using System.Text.Json.Serialization;
using Velithon.Json;

namespace Velithon;

/// <summary>
/// Lets System.Text.Json (de)serialize a <c>[VelithonJson]</c> type through its generated code, for example inside
/// ASP.NET Core or as a member of a type System.Text.Json handles: add it to <see cref="JsonSerializerOptions.Converters"/>.
/// </summary>
/// <typeparam name="T">A <c>[VelithonJson]</c> type.</typeparam>
/// <remarks>
/// The generated code runs with the <see cref="VelithonJsonOptions"/> given to the constructor (interner, write depth
/// limit); reading depth is limited by the System.Text.Json reader. A read error inside the value surfaces as System.Text.Json's
/// "could not be converted" error at the value's path, with the detailed error (and its inner path) as the inner exception.
/// </remarks>
public sealed class VelithonJsonConverter<T> : JsonConverter<T>
    where T : IVelithonJson<T>
{
    private readonly VelithonJsonOptions _options;

    /// <summary>Creates the converter with <see cref="VelithonJsonOptions.Default"/>.</summary>
    public VelithonJsonConverter()
        : this(VelithonJsonOptions.Default)
    {
    }

    /// <summary>Creates the converter with the given options.</summary>
    /// <param name="options">The options generated code runs with (interner, depth).</param>
    public VelithonJsonConverter(VelithonJsonOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
    }

    /// <inheritdoc />
    public override bool HandleNull => false;

    /// <inheritdoc />
    public override T? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        try
        {
            return T.ReadJson(ref reader, _options);
        }
        catch (JsonException ex) when (ex is JsonReadException || JsonReadException.HasRecordedPath(ex))
        {
            // An error of the runtime, or one of the reader's own below a member of the value (with the path inside the
            // value); a reader error at the value's own level goes to System.Text.Json as it is.
            // A null message makes System.Text.Json append its own path, line and position for this value.
            throw new JsonException(null, JsonReadException.From(ex).ToFinal(ReadOnlySpan<byte>.Empty, -1));
        }
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        PooledBufferWriter buffer = PooledBufferWriter.Rent();
        try
        {
            var json = new VelithonJsonWriter(buffer, _options);
            VelithonJson.WriteValue(ref json, value);
            json.Flush();
            writer.WriteRawValue(buffer.WrittenSpan, skipInputValidation: true);
        }
        finally
        {
            PooledBufferWriter.Return(buffer);
        }
    }
}
