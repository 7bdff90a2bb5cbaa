using System.ComponentModel;
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
}
