using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Velithon;
using HttpJsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;
using MvcJsonOptions = Microsoft.AspNetCore.Mvc.JsonOptions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Makes ASP.NET Core's own JSON (minimal APIs and MVC) run the generated code of <c>[VelithonJson]</c> types.</summary>
public static class VelithonJsonServiceCollectionExtensions
{
    /// <summary>The logger category of the resolver's fallback messages.</summary>
    public const string LoggerCategory = "Velithon.Json";

    /// <summary>
    /// Puts <see cref="VelithonJsonTypeInfoResolver"/> first in the type info resolver chain of ASP.NET Core's JSON options:
    /// minimal APIs (<c>ConfigureHttpJsonOptions</c>: return values, <c>Results.Ok</c>, <c>TypedResults.Json</c>, request
    /// bodies) and MVC (<c>Microsoft.AspNetCore.Mvc.JsonOptions</c>: <c>Ok(...)</c>, <c>[FromBody]</c>). Every
    /// <c>[VelithonJson]</c> type (and <see cref="List{T}"/>, <c>T[]</c>, <see cref="IEnumerable{T}"/>,
    /// <see cref="IReadOnlyList{T}"/>, <see cref="Dictionary{TKey, TValue}"/> with string keys of one) is then written and
    /// read by its generated code, with reflection-based serialization disabled and in native AOT too; the app's other
    /// resolvers stay after it, for every other type. With ASP.NET Core's default options (Web defaults and
    /// <c>JavaScriptEncoder.UnsafeRelaxedJsonEscaping</c>) the bytes are those ASP.NET Core writes without Velithon.
    /// </summary>
    /// <remarks>
    /// A type whose generated code would not honour the app's options (a naming policy, a global
    /// <c>JsonStringEnumConverter</c> that applies to one of its members, ...) is left to the next resolver
    /// (System.Text.Json's reflection, or the app's <c>JsonSerializerContext</c>), and a warning naming the type and the
    /// setting is logged once under <see cref="LoggerCategory"/>. The resolver is inserted after every other configuration
    /// of the options has run, so it stays first whatever the order of the calls.
    /// </remarks>
    /// <param name="services">The services.</param>
    /// <param name="options">The options the generated code runs with (interner); <see langword="null"/> for
    /// <see cref="VelithonJsonOptions.Default"/>. Depth and escaping are those of ASP.NET Core's JSON options.</param>
    /// <returns>The services, for chaining.</returns>
    public static IServiceCollection AddVelithonJson(this IServiceCollection services, VelithonJsonOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.RemoveAll<VelithonJsonTypeInfoResolver>();
        services.AddSingleton(provider => new VelithonJsonTypeInfoResolver(
            options,
            (provider.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance).CreateLogger(LoggerCategory)));
        services.AddOptions<HttpJsonOptions>().PostConfigure<VelithonJsonTypeInfoResolver>((o, resolver) => PutFirst(o.SerializerOptions, resolver));
        services.AddOptions<MvcJsonOptions>().PostConfigure<VelithonJsonTypeInfoResolver>((o, resolver) => PutFirst(o.JsonSerializerOptions, resolver));
        return services;
    }

    private static void PutFirst(JsonSerializerOptions options, VelithonJsonTypeInfoResolver resolver)
    {
        IList<IJsonTypeInfoResolver> chain = options.TypeInfoResolverChain;
        for (int i = chain.Count - 1; i >= 0; i--)
        {
            if (chain[i] is VelithonJsonTypeInfoResolver)
            {
                chain.RemoveAt(i);
            }
        }

        chain.Insert(0, resolver);
    }
}
