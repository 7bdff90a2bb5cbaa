using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Velithon.Json;

namespace Velithon;

/// <summary>
/// Implemented by the source generator on every <c>[VelithonJson]</c> type: static, allocation-free UTF-8 JSON
/// writing and reading. Call it through <c>VelithonJson</c>; the members are for generated code.
/// </summary>
/// <typeparam name="TSelf">The <c>[VelithonJson]</c> type itself.</typeparam>
public interface IVelithonJson<TSelf>
    where TSelf : IVelithonJson<TSelf>
{
    /// <summary>Writes <paramref name="value"/> (never <see langword="null"/>) as one JSON object.</summary>
    /// <param name="writer">The writer; its depth limit guards against cycles.</param>
    /// <param name="value">The value.</param>
    [EditorBrowsable(EditorBrowsableState.Never)]
    static abstract void WriteJson(ref VelithonJsonWriter writer, TSelf value);

    /// <summary>
    /// Reads one JSON object. The reader is on its <see cref="JsonTokenType.StartObject"/> token (a JSON
    /// <c>null</c> is handled by the caller) and is left on the matching <see cref="JsonTokenType.EndObject"/>.
    /// </summary>
    /// <param name="reader">The reader.</param>
    /// <param name="options">Options (interner, limits).</param>
    /// <returns>The value read.</returns>
    /// <exception cref="JsonException">The JSON does not describe a <typeparamref name="TSelf"/>.</exception>
    [EditorBrowsable(EditorBrowsableState.Never)]
    static abstract TSelf ReadJson(ref Utf8JsonReader reader, VelithonJsonOptions options);

    /// <summary>
    /// Reads one JSON object on the fast path (a contiguous document, common shapes only). <see langword="false"/>
    /// means "not handled here", never "invalid": the caller then reads the whole document with
    /// <see cref="ReadJson"/>, which gives the value or the error. The default handles nothing.
    /// </summary>
    /// <param name="reader">The fast reader, before the object's first token.</param>
    /// <param name="options">Options (interner, limits).</param>
    /// <param name="value">The value read, when <see langword="true"/> is returned.</param>
    /// <returns>Whether the object was read.</returns>
    [EditorBrowsable(EditorBrowsableState.Never)]
    static virtual bool TryReadJsonFast(ref JsonFastReader reader, VelithonJsonOptions options, [MaybeNullWhen(false)] out TSelf value)
    {
        value = default;
        return false;
    }

    /// <summary>
    /// Gets what the generated code implements, in System.Text.Json's terms (settings, escaping, member types): the
    /// converter and the type info resolver compare it with the <see cref="JsonSerializerOptions"/> they run with. The
    /// default is <see cref="VelithonJsonContract.Web"/> (System.Text.Json's Web defaults, member types unknown); the
    /// generator overrides it with the type's own.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    static virtual VelithonJsonContract JsonContract => VelithonJsonContract.Web;
}
