using System.Text;
using System.Text.Json;

namespace Velithon.Json;

// AllowOutOfOrderMetadataProperties: System.Text.Json reads every metadata property of the object before its members,
// wherever they stand, then goes back to the first member. The same here: one pass over a copy of the reader finds the
// discriminator and checks the metadata with System.Text.Json's rules, messages, paths and positions; the members are
// then read from where they start, and the metadata met again among them is skipped (SkipsMetadata).
public static partial class JsonPolymorphism
{

    /// <summary>
    /// Reads the type discriminator of the object the reader is on (its <see cref="JsonTokenType.StartObject"/>) wherever
    /// it stands among the object's properties, as System.Text.Json does with
    /// <see cref="JsonSerializerOptions.AllowOutOfOrderMetadataProperties"/>. The reader is left where the object's
    /// members start, so the members are read next (with <see cref="SkipsMetadata"/> passing over the metadata).
    /// </summary>
    /// <param name="reader">The reader, on the object's start.</param>
    /// <param name="name">The discriminator property name, unescaped.</param>
    /// <param name="ids">The discriminators (<see cref="string"/> or <see cref="int"/>), in the generated dispatch order.</param>
    /// <param name="typeName">The base type as <c>Type.ToString()</c> names it.</param>
    /// <param name="ignoreUnrecognized"><c>IgnoreUnrecognizedTypeDiscriminators</c>.</param>
    /// <param name="isAbstract">Whether the base cannot be read itself (a discriminator is then required).</param>
    /// <returns>The index of the derived type, or -1 for the base's own contract.</returns>
    /// <exception cref="JsonException">Invalid JSON in the object, or a duplicate, ill-typed, unrecognized or unsupported metadata property.</exception>
    /// <exception cref="NotSupportedException">The base is abstract and the object has no recognized discriminator.</exception>
    public static int ReadDiscriminatorAnywhere(ref Utf8JsonReader reader, ReadOnlySpan<byte> name, object[] ids, string typeName, bool ignoreUnrecognized, bool isAbstract)
    {
        ArgumentNullException.ThrowIfNull(ids);
        Span<byte> scratch = stackalloc byte[128];
        string segment = Encoding.UTF8.GetString(name);
        Utf8JsonReader probe = reader;
        Utf8JsonReader before;

        // Where the members start (before their first name, and on it), and the $values array, once seen.
        Utf8JsonReader membersStart = default;
        Utf8JsonReader firstMember = default;
        Utf8JsonReader valuesArray = default;
        bool members = false;
        bool values = false;
        int index = -1;
        string? idText = null;
        while (true)
        {
            before = probe;
            JsonRead.Read(ref probe);
            if (probe.TokenType == JsonTokenType.EndObject)
            {
                break;
            }

            ReadOnlySpan<byte> propertyName = JsonRead.PropertyName(ref probe, scratch, typeName);
            switch (Classify(propertyName, name))
            {
                case NameKind.OtherMetadata:
                    // $id and $ref: no reference handling here.
                    reader = probe;
                    throw Recorded(JsonRead.Error(ref reader, NotFirst), Encoding.UTF8.GetString(propertyName));
                case NameKind.Discriminator:
                    if (idText is not null)
                    {
                        reader = probe;
                        throw Recorded(JsonRead.Error(ref reader, Duplicate(segment)), segment);
                    }

                    ReadIn(ref probe, segment);
                    index = MatchId(ref probe, ids, typeName, segment, out string text);
                    idText = text;
                    break;
                case NameKind.Values:
                    if (values)
                    {
                        reader = probe;
                        throw Recorded(JsonRead.Error(ref reader, Duplicate(ValuesName)), ValuesName);
                    }

                    if (members)
                    {
                        reader = probe;
                        throw ArrayMetadataError(ref reader, ValuesName, typeName);
                    }

                    ReadValuesArray(ref probe);
                    valuesArray = probe;
                    values = true;
                    SkipIn(ref probe, ValuesName);
                    break;
                default:
                    if (!members)
                    {
                        members = true;
                        membersStart = before;
                        firstMember = probe;
                    }

                    if (values)
                    {
                        string member = Encoding.UTF8.GetString(propertyName);
                        reader = probe;
                        throw ArrayMetadataError(ref reader, member, typeName);
                    }

                    if (propertyName.Length > 0 && propertyName[0] == (byte)'$')
                    {
                        string member = Encoding.UTF8.GetString(propertyName);
                        reader = probe;
                        throw Recorded(JsonRead.Error(ref reader, DollarName), member);
                    }

                    // Errors in a member's value belong to the object here: System.Text.Json has not named the member yet.
                    JsonRead.Skip(ref probe);
                    break;
            }
        }

        if (values && idText is null)
        {
            reader = probe;
            throw Recorded(JsonRead.Error(ref reader, StandaloneValues), ValuesName);
        }

        // System.Text.Json resolves the discriminator with its reader back where the members (or $values) start.
        Utf8JsonReader resolveAt = values ? valuesArray : members ? firstMember : probe;
        Resolve(ref resolveAt, index, idText, typeName, ignoreUnrecognized, isAbstract, null);
        if (values)
        {
            reader = valuesArray;
            throw Recorded(JsonRead.Error(ref reader, NotFirst), ValuesName);
        }

        reader = members ? membersStart : before;
        return index;
    }

    /// <summary>
    /// In the members of an object whose metadata <see cref="ReadDiscriminatorAnywhere"/> has read: skips a metadata
    /// property (a name starting with <c>$</c>, or the discriminator's) with its value.
    /// </summary>
    /// <param name="reader">The reader, on the property name.</param>
    /// <param name="propertyName">The name, unescaped.</param>
    /// <param name="metadataName">The discriminator property name of the hierarchy, unescaped.</param>
    /// <returns>Whether the property was metadata and is skipped.</returns>
    public static bool SkipsMetadata(ref Utf8JsonReader reader, scoped ReadOnlySpan<byte> propertyName, scoped ReadOnlySpan<byte> metadataName)
    {
        if ((propertyName.Length > 0 && propertyName[0] == (byte)'$') || propertyName.SequenceEqual(metadataName))
        {
            JsonRead.Skip(ref reader);
            return true;
        }

        return false;
    }

    private static JsonException ArrayMetadataError(ref Utf8JsonReader reader, string member, string typeName) =>
        Recorded(
            JsonRead.Error(
                ref reader,
                "Deserialization failed for one of these reasons:\n1. A JSON object containing metadata for a nested array includes a non-metadata property '"
                + member + "'.\n2. The JSON value could not be converted to " + typeName + "."),
            member);

    // Skips a value inside a metadata property: an error there names the property in its path.
    private static void SkipIn(ref Utf8JsonReader reader, string segment)
    {
        try
        {
            JsonRead.Skip(ref reader);
        }
        catch (JsonException ex) when (JsonRead.RecordPathSegment(ex, segment))
        {
            throw; // not reached: the filter records the path segment and lets the error pass
        }
    }
}
