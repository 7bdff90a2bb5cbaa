using System.ComponentModel;

namespace Velithon.Json;

/// <summary>
/// Reads one value of <typeparamref name="T"/> on the fast path (see <see cref="JsonValueHandler{T}"/>);
/// <see langword="false"/> means "not handled here", never "invalid".
/// </summary>
/// <typeparam name="T">The type read.</typeparam>
/// <param name="reader">The fast reader, before the value (not a JSON <c>null</c> when <typeparamref name="T"/> can be null).</param>
/// <param name="options">The options.</param>
/// <param name="value">The value read, when <see langword="true"/> is returned.</param>
/// <returns>Whether the value was read.</returns>
[EditorBrowsable(EditorBrowsableState.Never)]
public delegate bool JsonValueFastReader<T>(ref JsonFastReader reader, VelithonJsonOptions options, out T value);
