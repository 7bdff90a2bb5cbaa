using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Logging;
using Velithon.Json;

namespace Velithon;

/// <summary>
/// A System.Text.Json type info resolver backed by generated code: for every <c>[VelithonJson]</c> type, and for
/// <see cref="List{T}"/>, <c>T[]</c>, <see cref="IEnumerable{T}"/>, <see cref="IReadOnlyList{T}"/> and
/// <see cref="Dictionary{TKey, TValue}"/> (string keys) of one, it returns metadata whose converter is
/// <see cref="VelithonJsonConverter{T}"/>. No reflection: types are found through <see cref="VelithonJsonTypeRegistry"/>,
/// which generated module initializers fill, so it works with reflection-based serialization disabled and in native AOT.
/// Put it first in <see cref="JsonSerializerOptions.TypeInfoResolverChain"/> (ASP.NET Core: <c>services.AddVelithonJson()</c>).
/// </summary>
/// <remarks>
/// When the options ask for something a type's generated code does not implement (<see cref="VelithonJsonContract.FindMismatch"/>:
/// a naming policy, a converter that applies to one of its member types, an encoder other than the default or the
/// relaxed one, ...), it returns <see langword="null"/> for that type, so the next resolver in the chain (System.Text.Json's
/// reflection, or a <see cref="JsonSerializerContext"/>) handles it with the options, and logs the reason once per type
/// and reason. A resolver chain with <see cref="DefaultJsonTypeInfoResolver.Modifiers"/> is such a mismatch too (the
/// modifiers would not run for the types this resolver serves), and so is any resolver in the chain other than
/// <see cref="DefaultJsonTypeInfoResolver"/> itself and source-generated <see cref="JsonSerializerContext"/>s: a resolver of
/// the app's own, or modifiers added with <c>WithAddedModifier</c>, may shape the types this resolver would serve. So is <see cref="JsonSerializerOptions.PreferredObjectCreationHandling"/>
/// = <see cref="JsonObjectCreationHandling.Populate"/> for a type, a <see cref="List{T}"/> or a dictionary of one (not
/// for arrays and read-only sequences): System.Text.Json populates those in place as members of the types it reads
/// itself, which a converter cannot do. A polymorphic base (<see cref="JsonDerivedTypeAttribute"/>,
/// <see cref="JsonPolymorphicAttribute"/>) and a type a base lists with a type discriminator are left to the next resolver
/// too: System.Text.Json handles discriminators on its own metadata, which a converter cannot carry (as members of other
/// <c>[VelithonJson]</c> types they still run through the generated code).
/// </remarks>
public sealed partial class VelithonJsonTypeInfoResolver : IJsonTypeInfoResolver
{
    private readonly VelithonJsonOptions _options;
    private readonly ILogger? _logger;
    private readonly ConcurrentDictionary<(Type Type, string Reason), bool> _logged = new();

    /// <summary>Creates the resolver.</summary>
    /// <param name="options">The options the generated code runs with (interner); <see langword="null"/> for <see cref="VelithonJsonOptions.Default"/>.
    /// Depth and escaping are those of the <see cref="JsonSerializerOptions"/>.</param>
    /// <param name="logger">Where a type left to the next resolver is reported (once per type and reason); <see langword="null"/>: not reported.</param>
    public VelithonJsonTypeInfoResolver(VelithonJsonOptions? options = null, ILogger? logger = null)
    {
        _options = options ?? VelithonJsonOptions.Default;
        _logger = logger;
    }

    /// <inheritdoc />
    public JsonTypeInfo? GetTypeInfo(Type type, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(options);
        if (!VelithonJsonTypeRegistry.TryGet(type, out RegisteredType registered))
        {
            return null;
        }

        if (FindMismatch(type, registered, options) is { } mismatch)
        {
            if (_logger is not null && _logged.TryAdd((type, mismatch), true))
            {
                LogFallback(_logger, type, mismatch);
            }

            return null;
        }

        JsonTypeInfo info = registered.Registration.CreateTypeInfo(registered.Shape, options, _options);
        info.OriginatingResolver = this;
        return info;
    }

    /// <summary>
    /// Why this resolver leaves <paramref name="type"/> to the next resolver with <paramref name="options"/>:
    /// <see langword="null"/> when it serves the type with generated code, a reason otherwise.
    /// </summary>
    /// <param name="type">The type System.Text.Json asks for.</param>
    /// <param name="options">The options.</param>
    /// <returns>The reason, or <see langword="null"/>.</returns>
    public static string? FindMismatch(Type type, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(options);
        return VelithonJsonTypeRegistry.TryGet(type, out RegisteredType registered)
            ? FindMismatch(type, registered, options)
            : type + " is not a registered [VelithonJson] type or a List<T>, T[], IEnumerable<T>, IReadOnlyList<T> or Dictionary<string, T> of one";
    }

    private static string? FindMismatch(Type type, RegisteredType registered, JsonSerializerOptions options)
    {
        foreach (IJsonTypeInfoResolver resolver in options.TypeInfoResolverChain)
        {
            switch (resolver)
            {
                case DefaultJsonTypeInfoResolver { Modifiers.Count: > 0 } modified:
                    return "TypeInfoResolver has a " + modified.GetType().Name + " with modifiers, which would not run for the types the generated code handles";
                case VelithonJsonTypeInfoResolver or JsonSerializerContext:
                    break;
                case DefaultJsonTypeInfoResolver when resolver.GetType() == typeof(DefaultJsonTypeInfoResolver):
                    break;
                default:
                    // A resolver of the app's own, or modifiers added with WithAddedModifier (a wrapper, not Modifiers):
                    // it may shape these types, and the generated code would silently take its place.
                    return "TypeInfoResolverChain has " + resolver.GetType().Name + " (a resolver of the app's own, or modifiers added with WithAddedModifier), which may shape the types the generated code handles";
            }
        }

        if (registered.Shape != RegisteredShape.Value)
        {
            foreach (JsonConverter converter in options.Converters)
            {
                if (converter is not IVelithonJsonConverter && converter.CanConvert(type))
                {
                    return "Converters has " + converter.GetType().Name + ", which converts " + type;
                }
            }
        }

        if (registered.Shape == RegisteredShape.Value && FindPolymorphism(type) is { } polymorphism)
        {
            return polymorphism;
        }

        if (options.PreferredObjectCreationHandling == JsonObjectCreationHandling.Populate
            && registered.Shape is RegisteredShape.Value or RegisteredShape.List or RegisteredShape.Dictionary)
        {
            // System.Text.Json populates such a value in place when it is a member of a type it reads itself, which it
            // cannot do through a converter (it would replace it): the type is left to it, so nothing is read otherwise.
            return "PreferredObjectCreationHandling is Populate: System.Text.Json populates " + type
                + " in place as a member of a type it reads itself, which it cannot do through the generated code's converter";
        }

        return registered.Registration.Contract.FindMismatchCore(options, null, null);
    }

    // System.Text.Json reads [JsonDerivedType]/[JsonPolymorphic] into the metadata of any type, a converter-backed one
    // too, and then refuses the converter (it cannot carry type discriminators); without them ASP.NET Core would write a
    // base's runtime type instead (no discriminator). So a polymorphic base, and a type it lists with a discriminator
    // (System.Text.Json dispatches to the derived type's metadata and writes or reads the discriminator around it), are
    // left to the next resolver. Their generated code still runs as members of other [VelithonJson] types.
    [UnconditionalSuppressMessage("Trimming", "IL2070", Justification = "An interface trimmed away is used by nothing that could ask System.Text.Json for it, so no polymorphic base is missed.")]
    private static string? FindPolymorphism(Type type)
    {
        if (type.IsDefined(typeof(JsonDerivedTypeAttribute), inherit: false) || type.IsDefined(typeof(JsonPolymorphicAttribute), inherit: false))
        {
            return type + " is a polymorphic base ([JsonDerivedType]/[JsonPolymorphic]), whose type discriminators System.Text.Json handles on its own metadata, which a converter cannot carry";
        }

        for (Type? ancestor = type.BaseType; ancestor is not null; ancestor = ancestor.BaseType)
        {
            if (ListsWithDiscriminator(ancestor, type))
            {
                return DerivedReason(type, ancestor);
            }
        }

        foreach (Type contract in type.GetInterfaces())
        {
            if (ListsWithDiscriminator(contract, type))
            {
                return DerivedReason(type, contract);
            }
        }

        return null;

        static bool ListsWithDiscriminator(Type polymorphicBase, Type derived)
        {
            foreach (object attribute in polymorphicBase.GetCustomAttributes(typeof(JsonDerivedTypeAttribute), inherit: false))
            {
                if (attribute is JsonDerivedTypeAttribute { TypeDiscriminator: not null } listed && listed.DerivedType == derived)
                {
                    return true;
                }
            }

            return false;
        }

        static string DerivedReason(Type derived, Type polymorphicBase) =>
            polymorphicBase + " lists " + derived + " with a type discriminator ([JsonDerivedType]); System.Text.Json writes and reads the discriminator around the derived type's own metadata, which a converter cannot carry";
    }

    [LoggerMessage(EventId = 101, EventName = "JsonFallback", Level = LogLevel.Warning,
        Message = "System.Text.Json handles {Type} instead of its generated [VelithonJson] code: {Reason}. Output and accepted input are System.Text.Json's, at its speed.")]
    private static partial void LogFallback(ILogger logger, Type type, string reason);
}
