using Microsoft.CodeAnalysis;

namespace Velithon.Analyzers.Caching;

/// <summary>What part of the request a handler reads.</summary>
internal enum RequestInputKind
{
    /// <summary>A query parameter (<see cref="RequestInput.Name"/>), or the whole query when the name is unknown.</summary>
    Query,

    /// <summary>A request header (<see cref="RequestInput.Name"/>), or headers by a name the analyzer cannot see.</summary>
    Header,

    /// <summary>The request body (never part of the cache key).</summary>
    Body,

    /// <summary>The request handed to code the analyzer does not follow.</summary>
    Unseen,
}

/// <summary>One read of the request by a cached handler.</summary>
/// <param name="Kind">What is read.</param>
/// <param name="Name">The query key or header name, when it is a constant.</param>
/// <param name="What">How the read is written, for the message (<c>Request.Query["page"]</c>, <c>[FromHeader] tenant</c>).</param>
/// <param name="Location">Where it is.</param>
internal sealed record RequestInput(RequestInputKind Kind, string? Name, string What, Location Location);
