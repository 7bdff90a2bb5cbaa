using System.ComponentModel;

namespace Velithon.Json;

/// <summary>Writes one non-null value of <typeparamref name="T"/> (see <see cref="JsonValueHandler{T}"/>).</summary>
/// <typeparam name="T">The type written.</typeparam>
/// <param name="writer">The writer.</param>
/// <param name="value">The value, never <see langword="null"/>.</param>
[EditorBrowsable(EditorBrowsableState.Never)]
public delegate void JsonValueWriter<in T>(ref VelithonJsonWriter writer, T value);
