using System.ComponentModel;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Velithon.Json;

/// <summary>
/// Type discriminators for generated polymorphic <c>[VelithonJson]</c> bases, with System.Text.Json's metadata rules and
/// messages: by default the discriminator must be the first property (after it only another property may follow), with
/// <c>AllowOutOfOrderMetadataProperties</c> it may stand anywhere (<see cref="ReadDiscriminatorAnywhere"/>); a duplicate
/// or another metadata name (<c>$id</c>, <c>$ref</c>, <c>$values</c>) is an error, and a type that reads metadata rejects
/// names starting with <c>$</c> among its members. Plumbing for generated code.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static partial class JsonPolymorphism
{
    private const string NotFirst = "The metadata property is either not supported by the type or is not the first property in the deserialized JSON object.";
    private const string DollarName = "Properties that start with '$' are not allowed in types that support metadata. Either replace the character or disable reference preservation and polymorphic deserialization.";

    private const string StandaloneValues = "A '$values' metadata property must always be preceded by other metadata properties, such as '$id' or '$type'.";
    private const string ValuesName = "$values";

    private enum NameKind
    {
        Member,
        Discriminator,
        Values,
        OtherMetadata,
    }

    /// <summary>
    /// Reads the leading type discriminator of the object the reader is on (its <see cref="JsonTokenType.StartObject"/>).
    /// Found and recognized: the index in <paramref name="ids"/>, the reader left on the discriminator's value. No
    /// discriminator (or an unrecognized one that is ignored): -1, the reader left where the object's members start.
    /// </summary>
    /// <param name="reader">The reader, on the object's start.</param>
    /// <param name="name">The discriminator property name, unescaped.</param>
    /// <param name="ids">The discriminators (<see cref="string"/> or <see cref="int"/>), in the generated dispatch order.</param>
    /// <param name="typeName">The base type as <c>Type.ToString()</c> names it.</param>
    /// <param name="ignoreUnrecognized"><c>IgnoreUnrecognizedTypeDiscriminators</c>.</param>
    /// <param name="isAbstract">Whether the base cannot be read itself (a discriminator is then required).</param>
    /// <returns>The index of the derived type, or -1 for the base's own contract.</returns>
    /// <exception cref="JsonException">A misplaced, duplicate, ill-typed or unrecognized discriminator.</exception>
    /// <exception cref="NotSupportedException">The base is abstract and no recognized discriminator comes first.</exception>
    public static int ReadDiscriminator(ref Utf8JsonReader reader, ReadOnlySpan<byte> name, object[] ids, string typeName, bool ignoreUnrecognized, bool isAbstract)
    {
        ArgumentNullException.ThrowIfNull(ids);
        Span<byte> scratch = stackalloc byte[128];
        Utf8JsonReader probe = reader;
        JsonRead.Read(ref probe);
        NameKind kind = NameKind.Member;
        if (probe.TokenType == JsonTokenType.PropertyName)
        {
            ReadOnlySpan<byte> first = JsonRead.PropertyName(ref probe, scratch, typeName);
            kind = Classify(first, name);
            if (kind == NameKind.OtherMetadata)
            {
                string firstName = Encoding.UTF8.GetString(first);
                reader = probe;
                throw Recorded(JsonRead.Error(ref reader, NotFirst), firstName);
            }

            if (kind == NameKind.Values)
            {
                // $values without a discriminator before it: an array is "standalone", anything else not an array.
                reader = probe;
                ReadValuesArray(ref reader);
                throw Recorded(JsonRead.Error(ref reader, StandaloneValues), ValuesName);
            }
        }

        if (kind == NameKind.Member)
        {
            if (isAbstract)
            {
                reader = probe;
                throw MissingDiscriminator(ref reader, typeName);
            }

            return -1;
        }

        reader = probe;
        string segment = Encoding.UTF8.GetString(name);
        ReadIn(ref reader, segment);
        int index = MatchId(ref reader, ids, typeName, segment, out string idText);

        // System.Text.Json reads every leading metadata property before it resolves the discriminator.
        probe = reader;
        JsonRead.Read(ref probe);
        bool values = false;
        if (probe.TokenType == JsonTokenType.PropertyName)
        {
            ReadOnlySpan<byte> second = JsonRead.PropertyName(ref probe, scratch, typeName);
            switch (Classify(second, name))
            {
                case NameKind.Discriminator:
                    reader = probe;
                    throw Recorded(JsonRead.Error(ref reader, Duplicate(segment)), segment);
                case NameKind.OtherMetadata:
                    string secondName = Encoding.UTF8.GetString(second);
                    reader = probe;
                    throw Recorded(JsonRead.Error(ref reader, NotFirst), secondName);
                case NameKind.Values:
                    // Read as metadata (an array ends the metadata), then refused by the object it selects.
                    ReadValuesArray(ref probe);
                    values = true;
                    break;
            }
        }

        Resolve(ref probe, index, idText, typeName, ignoreUnrecognized, isAbstract, values ? ValuesName : null);
        if (values)
        {
            reader = probe;
            throw Recorded(JsonRead.Error(ref reader, NotFirst), ValuesName);
        }

        return index;
    }

    /// <summary>
    /// In a type read with metadata, a member name that is a metadata name (not first) or starts with <c>$</c> is
    /// System.Text.Json's error, at the name.
    /// </summary>
    /// <param name="reader">The reader, on the property name.</param>
    /// <param name="propertyName">The name, unescaped.</param>
    /// <param name="metadataName">The discriminator property name of the hierarchy, unescaped.</param>
    /// <exception cref="JsonException">The name is not allowed here.</exception>
    public static void CheckMemberName(ref Utf8JsonReader reader, scoped ReadOnlySpan<byte> propertyName, scoped ReadOnlySpan<byte> metadataName)
    {
        NameKind kind = Classify(propertyName, metadataName);
        if (kind != NameKind.Member)
        {
            throw Recorded(JsonRead.Error(ref reader, NotFirst), Encoding.UTF8.GetString(propertyName));
        }

        if (propertyName.Length > 0 && propertyName[0] == (byte)'$')
        {
            throw Recorded(JsonRead.Error(ref reader, DollarName), Encoding.UTF8.GetString(propertyName));
        }
    }

    /// <summary>
    /// System.Text.Json's error for a runtime type a polymorphic base does not list (<c>FailSerialization</c>): the entry
    /// point throws a <see cref="NotSupportedException"/> with this message followed by the write path
    /// (" Path: $.Member."), as System.Text.Json does.
    /// </summary>
    /// <param name="runtimeType">The value's type.</param>
    /// <param name="baseTypeName">The base type as <c>Type.ToString()</c> names it.</param>
    /// <returns>The exception to throw (a write error carrying the <see cref="NotSupportedException"/> out with its path).</returns>
    public static Exception UnsupportedRuntimeType(Type runtimeType, string baseTypeName)
    {
        ArgumentNullException.ThrowIfNull(runtimeType);
        return JsonWriteException.NotSupported(
            new NotSupportedException($"Runtime type '{runtimeType}' is not supported by polymorphic type '{baseTypeName}'."));
    }

    // System.Text.Json reads the discriminator as a string first: invalid UTF-8 or escapes fail as a conversion to the base.
    private static string UnrecognizedText(ref Utf8JsonReader reader, string typeName, string segment)
    {
        try
        {
            return reader.GetString()!;
        }
        catch (InvalidOperationException ex)
        {
            throw Recorded(JsonRead.ConversionError(ref reader, typeName, ex), segment);
        }
    }

    // STJ's NotSupportedException, carried out with its path to be thrown with it, located where the reader stands.
    private static JsonReadException MissingDiscriminator(ref Utf8JsonReader reader, string typeName) =>
        JsonReadException.NotSupported(
            new NotSupportedException($"The JSON payload for polymorphic interface or abstract type '{typeName}' must specify a type discriminator."),
            reader.BytesConsumed);

    // GetMetadataPropertyName: $id, $ref and $values always; $type only as the discriminator (a hierarchy that names its
    // own discriminator reads "$type" as a member name, which the '$' rule then rejects).
    private static NameKind Classify(ReadOnlySpan<byte> propertyName, ReadOnlySpan<byte> discriminator)
    {
        if (propertyName.SequenceEqual(discriminator))
        {
            return NameKind.Discriminator;
        }

        if (propertyName.SequenceEqual("$values"u8))
        {
            return NameKind.Values;
        }

        if (propertyName.SequenceEqual("$id"u8) || propertyName.SequenceEqual("$ref"u8))
        {
            return NameKind.OtherMetadata;
        }

        return NameKind.Member;
    }

    // The discriminator's value (the reader on it): its index in ids, or -1 with the text an error would quote.
    private static int MatchId(ref Utf8JsonReader reader, object[] ids, string typeName, string segment, out string idText)
    {
        int index = -1;
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                try
                {
                    for (int i = 0; i < ids.Length && index < 0; i++)
                    {
                        if (ids[i] is string s && reader.ValueTextEquals(s))
                        {
                            index = i;
                        }
                    }
                }
                catch (InvalidOperationException ex)
                {
                    // An escape that is not valid UTF-16 (a lone surrogate): STJ's conversion error at the discriminator.
                    throw Recorded(JsonRead.ConversionError(ref reader, typeName, ex), segment);
                }

                idText = index >= 0 ? (string)ids[index] : UnrecognizedText(ref reader, typeName, segment);
                return index;
            case JsonTokenType.Number:
                if (!reader.TryGetInt32(out int number))
                {
                    throw Recorded(JsonRead.ConversionError(ref reader, typeName), segment);
                }

                for (int i = 0; i < ids.Length && index < 0; i++)
                {
                    if (ids[i] is int n && n == number)
                    {
                        index = i;
                    }
                }

                idText = number.ToString(CultureInfo.InvariantCulture);
                return index;
            default:
                throw Recorded(JsonRead.Error(ref reader, "The '$id', '$ref' or '$type' metadata properties must be JSON strings. Current token type is '" + reader.TokenType + "'."), segment);
        }
    }

    // After the metadata: an unrecognized discriminator fails unless ignored, and an abstract base needs a recognized one.
    // The reader is where System.Text.Json's stands then; segment is the metadata name its path still holds, if any.
    private static void Resolve(ref Utf8JsonReader reader, int index, string? idText, string typeName, bool ignoreUnrecognized, bool isAbstract, string? segment)
    {
        if (index >= 0)
        {
            return;
        }

        if (idText is not null && !ignoreUnrecognized)
        {
            JsonException error = JsonRead.Error(ref reader, "Read unrecognized type discriminator id '" + idText + "'.");
            throw segment is null ? error : Recorded(error, segment);
        }

        if (isAbstract)
        {
            throw MissingDiscriminator(ref reader, typeName);
        }
    }

    // The value of $values (the reader on its name): an array, or System.Text.Json's error at the value.
    private static void ReadValuesArray(ref Utf8JsonReader reader)
    {
        ReadIn(ref reader, ValuesName);
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw Recorded(JsonRead.Error(ref reader, "The '$values' metadata property must be a JSON array. Current token type is '" + reader.TokenType + "'."), ValuesName);
        }
    }

    private static string Duplicate(string segment) => "Deserialized object contains a duplicate '" + segment + "' metadata property.";

    // Reads the next token inside a metadata property: an error there names the property in its path.
    private static void ReadIn(ref Utf8JsonReader reader, string segment)
    {
        try
        {
            JsonRead.Read(ref reader);
        }
        catch (JsonException ex) when (JsonRead.RecordPathSegment(ex, segment))
        {
            throw; // not reached: the filter records the path segment and lets the error pass
        }
    }

    private static JsonException Recorded(JsonException error, string segment)
    {
        JsonReadException.Record(error, segment, 0);
        return error;
    }
}
