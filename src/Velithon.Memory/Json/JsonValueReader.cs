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
