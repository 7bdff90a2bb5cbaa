using System.ComponentModel;
using System.Text.Json;

namespace Velithon.Json;

/// <summary>Reads one value of <typeparamref name="T"/>, the reader on its first token (see <see cref="JsonValueHandler{T}"/>).</summary>
/// <typeparam name="T">The type read.</typeparam>
/// <param name="reader">The reader, on the value's first token (not a JSON <c>null</c> when <typeparamref name="T"/> can be null).</param>
/// <param name="options">The options.</param>
/// <returns>The value read.</returns>
[EditorBrowsable(EditorBrowsableState.Never)]
public delegate T JsonValueReader<out T>(ref Utf8JsonReader reader, VelithonJsonOptions options);

/// <summary>
/// Reads one value of <typeparamref name="T"/> that is a single token (a primitive or an enum), naming
/// <paramref name="typeName"/> in a conversion error (see <see cref="JsonValueHandler{T}.Read(ref Utf8JsonReader, VelithonJsonOptions, string)"/>).
/// </summary>
/// <typeparam name="T">The type read.</typeparam>
/// <param name="reader">The reader, on the value's token (not a JSON <c>null</c> when <typeparamref name="T"/> can be null).</param>
/// <param name="options">The options.</param>
/// <param name="typeName">The type a conversion error names.</param>
/// <returns>The value read.</returns>
[EditorBrowsable(EditorBrowsableState.Never)]
public delegate T JsonNamedValueReader<out T>(ref Utf8JsonReader reader, VelithonJsonOptions options, string typeName);
