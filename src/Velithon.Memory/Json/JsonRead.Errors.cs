using System.Buffers;
using System.Buffers.Text;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Velithon.Json;

public static partial class JsonRead
{
    /// <summary>Creates the System.Text.Json error for missing required properties.</summary>
    /// <param name="typeName">The type read, e.g. <c>Demo.Person</c>.</param>
    /// <param name="jsonNames">The missing names, formatted <c>'a', 'b'</c>.</param>
    /// <returns>The exception to throw.</returns>
    public static JsonException MissingRequired(string typeName, string jsonNames) =>
        new JsonReadException(
            $"JSON deserialization for type '{typeName}' was missing required properties including: {jsonNames}.", -1, null, null, null)
        {
            // System.Text.Json sets Path, LineNumber and BytePositionInLine on this error but leaves its message alone.
            AppendPathInformation = false,
        };

    /// <summary>
    /// Creates System.Text.Json's error (<c>RespectNullableAnnotations</c>) for a null read into a member that does not
    /// allow null; the member's name as the path's last segment, the position after the value, come from the caller's
    /// exception filter and entry point, as for any error below a member.
    /// </summary>
    /// <param name="jsonName">The member's JSON name.</param>
    /// <param name="typeName">The type read, e.g. <c>Demo.Person</c>.</param>
    /// <returns>The exception to throw.</returns>
    public static JsonException NullMember(string jsonName, string typeName) =>
        new JsonReadException(
            $"The property or field '{jsonName}' on type '{typeName}' doesn't allow setting null values. Consider updating its nullability annotation.", -1, null, null, null);

    /// <summary>
    /// Creates System.Text.Json's error (<c>RespectNullableAnnotations</c>) for a null read into a member of a type read
    /// through a constructor with parameters: System.Text.Json sets such members after the object's end, so the error is
    /// raised there (the position after <c>}</c>), naming the member as the document wrote it.
    /// </summary>
    /// <param name="name">The property name as written in the document (the path's last segment).</param>
    /// <param name="jsonName">The member's JSON name.</param>
    /// <param name="typeName">The type read, e.g. <c>Demo.Person</c>.</param>
    /// <returns>The exception to throw.</returns>
    public static JsonException NullMemberAtEnd(string name, string jsonName, string typeName)
    {
        JsonException error = NullMember(jsonName, typeName);
        JsonReadException.Record(error, name, 0);
        return error;
    }

    /// <summary>
    /// As <see cref="NullMemberAtEnd(string, string, string)"/>, for the reads that have it: System.Text.Json's streaming
    /// reads (<c>DeserializeAsync</c>, its continuation path) cache such a member's value while they read and set it after
    /// the constructor without the nullability check, so they accept the null (<see langword="null"/>: no error).
    /// </summary>
    /// <param name="name">The property name as written in the document (the path's last segment).</param>
    /// <param name="jsonName">The member's JSON name.</param>
    /// <param name="typeName">The type read, e.g. <c>Demo.Person</c>.</param>
    /// <param name="options">The options read with.</param>
    /// <returns>The exception to throw at the object's end, or <see langword="null"/>.</returns>
    public static JsonException? NullMemberAtEnd(string name, string jsonName, string typeName, VelithonJsonOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.ReportsAsStreaming ? null : NullMemberAtEnd(name, jsonName, typeName);
    }

    /// <summary>
    /// Creates System.Text.Json's error (<c>JsonObjectCreationHandling.Populate</c>) for JSON <see langword="null"/> read
    /// into a populated member that cannot be set (get-only): not a <see cref="JsonException"/>, and without a path, as in
    /// System.Text.Json.
    /// </summary>
    /// <param name="typeName">The member's type, e.g. <c>System.Collections.Generic.List`1[System.Int32]</c>.</param>
    /// <returns>The exception to throw.</returns>
    public static InvalidOperationException PopulateNull(string typeName)
    {
        var error = new InvalidOperationException($"Unable to assign 'null' to the property or field of type '{typeName}'.");

        // Leaves the read as it is (the entry points wrap other InvalidOperationExceptions in a JsonException).
        ConverterExceptions.Mark(error);
        return error;
    }

    /// <summary>
    /// Creates System.Text.Json's error (<c>JsonObjectCreationHandling.Populate</c>) for a member declared as a collection
    /// interface whose current value is read-only (an array in an <c>IList&lt;T&gt;</c>, ...): the entry point throws a
    /// <see cref="NotSupportedException"/> with this message followed by the path and position, as System.Text.Json does.
    /// </summary>
    /// <param name="typeName">The member's declared type, e.g. <c>System.Collections.Generic.IList`1[System.Int32]</c>.</param>
    /// <returns>The exception to throw (a read error carrying the <see cref="NotSupportedException"/> out with its path).</returns>
    public static Exception CannotPopulate(string typeName) =>
        JsonReadException.NotSupported(
            new NotSupportedException($"The collection type '{typeName}' is abstract, an interface, or is read only, and could not be instantiated and populated."),
            -1);

    /// <summary>
    /// Creates System.Text.Json's error for an abstract type a discriminator names: the entry point throws a
    /// <see cref="NotSupportedException"/> with its path and position, where System.Text.Json's reader stands after the
    /// metadata (on the next token).
    /// </summary>
    /// <param name="reader">The reader, on the discriminator's value.</param>
    /// <param name="typeName">The type as <c>Type.ToString()</c> names it.</param>
    /// <returns>The exception to throw (a read error carrying the <see cref="NotSupportedException"/> out with its path).</returns>
    public static Exception CannotInstantiate(ref Utf8JsonReader reader, string typeName)
    {
        var error = new NotSupportedException($"Deserialization of interface or abstract types is not supported. Type '{typeName}'.");
        Utf8JsonReader next = reader;
        next.Read(); // System.Text.Json reads the next token first: invalid JSON there is its error instead.
        return JsonReadException.NotSupported(error, next.BytesConsumed);
    }

    /// <summary>
    /// Creates System.Text.Json's error (<c>RespectNullableAnnotations</c>) for a null read into a constructor parameter
    /// that does not allow null.
    /// </summary>
    /// <param name="parameterName">The parameter's name as declared.</param>
    /// <param name="typeName">The type read, e.g. <c>Demo.Person</c>.</param>
    /// <returns>The exception to throw.</returns>
    public static JsonException NullParameter(string parameterName, string typeName) =>
        new JsonReadException(
            $"The constructor parameter '{parameterName}' on type '{typeName}' doesn't allow null values. Consider updating its nullability annotation.", -1, null, null, null);

    /// <summary>
    /// Creates System.Text.Json's error for a property no member maps to, with <c>UnmappedMemberHandling.Disallow</c>:
    /// thrown on the name (before its value is read), with the name as the last path segment; as in System.Text.Json the
    /// message carries no path or position, which are set on the exception.
    /// </summary>
    /// <param name="name">The unescaped UTF-8 property name.</param>
    /// <param name="typeName">The type read, e.g. <c>Demo.Person</c>.</param>
    /// <returns>The exception to throw.</returns>
    public static JsonException UnmappedMember(ReadOnlySpan<byte> name, string typeName)
    {
        string property = Encoding.UTF8.GetString(name);
        var error = new JsonReadException(
            $"The JSON property '{property}' could not be mapped to any .NET member contained in type '{typeName}'.", -1, null, null, null)
        {
            AppendPathInformation = false,
        };
        JsonReadException.Record(error, property, 0);
        return error;
    }

    /// <summary>Creates the error for an enum name that is not defined (System.Text.Json's conversion error).</summary>
    /// <param name="reader">The reader, on the string.</param>
    /// <param name="enumTypeName">The enum type.</param>
    /// <returns>The exception to throw.</returns>
    public static JsonException UnknownEnumName(ref Utf8JsonReader reader, string enumTypeName) =>
        ConversionError(ref reader, enumTypeName);

    /// <summary>
    /// Records a property name in the JSON path of a read error on its way out (<c>.name</c>, or <c>['na.me']</c> for
    /// names with special characters, as System.Text.Json writes paths). Generated code calls it from an exception
    /// filter, <c>catch (JsonException e) when (JsonRead.RecordPathSegment(e, name)) { throw; }</c>: it returns
    /// <see langword="false"/>, so the filter never catches. The error passes every nesting level without being caught
    /// and rethrown (one throw however deep the document; a rethrow per level would need stack for every level at once),
    /// and <see cref="VelithonJson"/> builds the path once from what the levels recorded. Line and position are kept.
    /// </summary>
    /// <param name="error">The error passing through.</param>
    /// <param name="propertyName">The JSON property name; <see langword="null"/> records nothing.</param>
    /// <returns>Always <see langword="false"/>.</returns>
    public static bool RecordPathSegment(JsonException error, string? propertyName)
    {
        if (error is not null && propertyName is not null)
        {
            JsonReadException.Record(error, propertyName, 0);
        }

        return false;
    }

    /// <summary>
    /// Records the last key of a dictionary in the path of an error reading the token after its entry (the next key or
    /// the end), from an exception filter, as <see cref="RecordPathSegment"/> does: System.Text.Json's reads of a whole
    /// buffer report it under that key, its streaming reads under the dictionary (<paramref name="options"/> say which).
    /// </summary>
    /// <param name="error">The error passing through.</param>
    /// <param name="key">The last key read, or <see langword="null"/> before the first.</param>
    /// <param name="options">The options read with.</param>
    /// <returns>Always <see langword="false"/>.</returns>
    public static bool RecordKeyAfterEntry(JsonException error, string? key, VelithonJsonOptions options) =>
        RecordPathSegment(error, options.ReportsAsStreaming ? null : key);

    /// <summary>
    /// Records an array index (<c>[3]</c>) in the JSON path of a read error on its way out, from an exception filter, as
    /// <see cref="RecordPathSegment"/> does.
    /// </summary>
    /// <param name="error">The error passing through.</param>
    /// <param name="index">The index.</param>
    /// <returns>Always <see langword="false"/>.</returns>
    public static bool RecordPathIndex(JsonException error, int index)
    {
        if (error is not null)
        {
            JsonReadException.Record(error, null, index);
        }

        return false;
    }

    internal static bool IsRethrowable(Exception ex) =>
        ex is InvalidOperationException or FormatException or OverflowException or InvalidCastException or IndexOutOfRangeException
        && !ConverterExceptions.IsMarked(ex);

    internal static JsonReadException Wrap(ref Utf8JsonReader reader, Exception inner) =>
        new("The JSON value could not be read: " + inner.Message, reader.BytesConsumed, null, null, inner);

    internal static JsonReadException Error(ref Utf8JsonReader reader, string message) =>
        new(message, reader.BytesConsumed, null, null, null);

    internal static JsonReadException ConversionError(ref Utf8JsonReader reader, string typeName, Exception? inner = null) =>
        new($"The JSON value could not be converted to {typeName}.", reader.BytesConsumed, null, null, inner);

    // A JSON null read as T where nothing in between decides (a document's root, a list element, a dictionary value):
    // default for a reference type; for a value type, System.Text.Json's conversion error, named as it names the type.
    internal static T? NullAs<T>(ref Utf8JsonReader reader) =>
        default(T) is null ? default : throw ConversionError(ref reader, typeof(T).ToString());

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowInsufficientStack(ref Utf8JsonReader reader) =>
        throw Error(
            ref reader,
            string.Create(
                CultureInfo.InvariantCulture,
                $"The JSON value could not be read: the thread's stack cannot hold a nesting depth of {reader.CurrentDepth + 1} (the maximum configured depth is {(reader.CurrentState.Options.MaxDepth is > 0 and int max ? max : VelithonJsonOptions.DefaultMaxDepth)}; read it on a thread with a larger stack, or lower the depth limit)."));

    [DoesNotReturn]
    private static void ThrowEndOfData(ref Utf8JsonReader reader) =>
        throw Error(ref reader, "The JSON input ended unexpectedly: expected more data.");
}
