namespace Velithon;

/// <summary>
/// Asks the Velithon.Gen source generator to emit an allocation-free UTF-8 JSON serializer and deserializer for
/// this <see langword="partial"/> class, record, struct or record struct. The type then implements
/// <see cref="IVelithonJson{TSelf}"/> and works with <c>VelithonJson</c> and, through
/// <c>VelithonJsonConverterFactory</c>, with System.Text.Json.
/// </summary>
/// <remarks>
/// Output is byte-identical to <c>JsonSerializer.Serialize(value, new JsonSerializerOptions(JsonSerializerDefaults.Web))</c>;
/// System.Text.Json attributes (<c>[JsonPropertyName]</c>, <c>[JsonIgnore]</c>, <c>[JsonPropertyOrder]</c>,
/// <c>[JsonRequired]</c>, <c>[JsonConstructor]</c>, <c>[JsonInclude]</c>, <c>[JsonConverter(typeof(JsonStringEnumConverter))]</c>)
/// are honoured. A member type the generator cannot handle is a compile-time diagnostic (VLG1xx).
/// </remarks>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, Inherited = false, AllowMultiple = false)]
public sealed class VelithonJsonAttribute : Attribute;
