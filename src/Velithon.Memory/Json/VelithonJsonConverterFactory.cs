using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Velithon;

/// <summary>
/// Creates a <see cref="VelithonJsonConverter{T}"/> for every type implementing <see cref="IVelithonJson{TSelf}"/>.
/// It uses <see cref="Type.MakeGenericType"/>; for native AOT add <see cref="VelithonJsonConverter{T}"/> per type instead.
/// </summary>
[RequiresDynamicCode("Creates VelithonJsonConverter<T> with MakeGenericType; add VelithonJsonConverter<T> directly for native AOT.")]
[RequiresUnreferencedCode("Creates VelithonJsonConverter<T> with MakeGenericType; add VelithonJsonConverter<T> directly when trimming.")]
public sealed class VelithonJsonConverterFactory : JsonConverterFactory, Velithon.Json.IVelithonJsonConverter
{
    private readonly VelithonJsonOptions _options;

    /// <summary>Creates the factory with <see cref="VelithonJsonOptions.Default"/>.</summary>
    public VelithonJsonConverterFactory()
        : this(VelithonJsonOptions.Default)
    {
    }

    /// <summary>Creates the factory with the options every converter it creates uses.</summary>
    /// <param name="options">The options.</param>
    public VelithonJsonConverterFactory(VelithonJsonOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
    }

    /// <inheritdoc />
    public override bool CanConvert(Type typeToConvert)
    {
        ArgumentNullException.ThrowIfNull(typeToConvert);
        return !typeToConvert.IsGenericTypeDefinition
            && Array.Exists(
                typeToConvert.GetInterfaces(),
                i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IVelithonJson<>) && i.GetGenericArguments()[0] == typeToConvert);
    }

    /// <inheritdoc />
    public override JsonConverter? CreateConverter(Type typeToConvert, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(typeToConvert);
        Type converterType = typeof(VelithonJsonConverter<>).MakeGenericType(typeToConvert);
        return (JsonConverter?)Activator.CreateInstance(converterType, _options);
    }
}
