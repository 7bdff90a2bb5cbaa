using System.Collections.Concurrent;
using System.ComponentModel;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Velithon.Json;

/// <summary>
/// The <c>[VelithonJson]</c> types of the process, for <see cref="VelithonJsonTypeInfoResolver"/>: generated code
/// registers each type from a module initializer, so the resolver finds them without reflection (AOT- and
/// trimming-safe). Plumbing for generated code.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class VelithonJsonTypeRegistry
{
    private static readonly ConcurrentDictionary<Type, RegisteredType> Types = new();
    private static readonly ConcurrentDictionary<Module, bool> InitializedModules = new();

    /// <summary>
    /// Registers <typeparamref name="T"/>, and the collections of it the resolver serves (<see cref="List{T}"/>,
    /// <c>T[]</c>, <see cref="IEnumerable{T}"/>, <see cref="IReadOnlyList{T}"/>, <see cref="Dictionary{TKey, TValue}"/>
    /// with string keys), and its <see cref="JsonValueHandler{T}"/> (generic <c>[VelithonJson]</c> types write and read
    /// their type arguments through it). Called by the module initializer the generator writes for each type; registering twice is harmless.
    /// </summary>
    /// <typeparam name="T">A <c>[VelithonJson]</c> type.</typeparam>
    public static void Register<T>()
        where T : IVelithonJson<T>
    {
        var registration = new Registration<T>();
        Types.TryAdd(typeof(T), new RegisteredType(registration, RegisteredShape.Value));
        Types.TryAdd(typeof(List<T>), new RegisteredType(registration, RegisteredShape.List));
        Types.TryAdd(typeof(T[]), new RegisteredType(registration, RegisteredShape.Array));
        Types.TryAdd(typeof(IEnumerable<T>), new RegisteredType(registration, RegisteredShape.Enumerable));
        Types.TryAdd(typeof(IReadOnlyList<T>), new RegisteredType(registration, RegisteredShape.ReadOnlyList));
        Types.TryAdd(typeof(Dictionary<string, T>), new RegisteredType(registration, RegisteredShape.Dictionary));
        JsonValueHandlers.JsonObject<T>();
    }

    /// <summary>Finds a registered type or collection of one.</summary>
    internal static bool TryGet(Type type, out RegisteredType registered)
    {
        if (Types.TryGetValue(type, out registered))
        {
            return true;
        }

        // A type of a library whose module has not run yet (System.Text.Json can get a Type before any of its code
        // runs, for example a request body's type): run its module initializers once, then look again.
        return RunModuleInitializers(type) && Types.TryGetValue(type, out registered);
    }

    private static bool RunModuleInitializers(Type type)
    {
        bool ran = RunModuleInitializer(type.Module);
        if (type.HasElementType && type.GetElementType() is { } element)
        {
            ran |= RunModuleInitializer(element.Module);
        }

        if (type.IsConstructedGenericType)
        {
            foreach (Type argument in type.GenericTypeArguments)
            {
                ran |= RunModuleInitializer(argument.Module);
            }
        }

        return ran;
    }

    private static bool RunModuleInitializer(Module module)
    {
        if (!InitializedModules.TryAdd(module, true))
        {
            return false;
        }

        try
        {
            RuntimeHelpers.RunModuleConstructor(module.ModuleHandle);
            return true;
        }
        catch (Exception ex) when (ex is NotSupportedException or PlatformNotSupportedException or InvalidOperationException)
        {
            // Native AOT runs every module initializer at startup, so there is nothing left to run.
            return false;
        }
    }
}

/// <summary>How a registered type is asked for: the type itself or a collection of it.</summary>
internal enum RegisteredShape
{
    Value,
    List,
    Array,
    Enumerable,
    ReadOnlyList,
    Dictionary,
}

internal readonly record struct RegisteredType(Registration Registration, RegisteredShape Shape);

/// <summary>One registered type: its contract, and the metadata System.Text.Json needs for it and its collections.</summary>
internal abstract class Registration
{
    public abstract Type Type { get; }

    public abstract VelithonJsonContract Contract { get; }

    public abstract JsonTypeInfo CreateTypeInfo(RegisteredShape shape, JsonSerializerOptions options, VelithonJsonOptions velithonOptions);
}

internal sealed class Registration<T> : Registration
    where T : IVelithonJson<T>
{
    public override Type Type => typeof(T);

    public override VelithonJsonContract Contract => T.JsonContract;

    // Collections are System.Text.Json's own collection converters (as its source generator makes them); their element
    // metadata is resolved through the options, so each element goes through the converter of the Value shape.
    public override JsonTypeInfo CreateTypeInfo(RegisteredShape shape, JsonSerializerOptions options, VelithonJsonOptions velithonOptions) => shape switch
    {
        RegisteredShape.Value => JsonMetadataServices.CreateValueInfo<T>(options, new VelithonJsonConverter<T>(velithonOptions, options)),
        RegisteredShape.List => JsonMetadataServices.CreateListInfo<List<T>, T>(options, new JsonCollectionInfoValues<List<T>> { ObjectCreator = static () => [] }),
        RegisteredShape.Array => JsonMetadataServices.CreateArrayInfo<T>(options, new JsonCollectionInfoValues<T[]>()),
        RegisteredShape.Enumerable => JsonMetadataServices.CreateIEnumerableInfo<IEnumerable<T>, T>(options, new JsonCollectionInfoValues<IEnumerable<T>>()),
        RegisteredShape.ReadOnlyList => JsonMetadataServices.CreateIEnumerableInfo<IReadOnlyList<T>, T>(options, new JsonCollectionInfoValues<IReadOnlyList<T>>()),
        _ => JsonMetadataServices.CreateDictionaryInfo<Dictionary<string, T>, string, T>(options, new JsonCollectionInfoValues<Dictionary<string, T>> { ObjectCreator = static () => [] }),
    };
}
