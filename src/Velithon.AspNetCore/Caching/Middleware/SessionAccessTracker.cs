using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Velithon.AspNetCore.Caching;

/// <summary>
/// Stands in for the request's <see cref="ISession"/> while a cached endpoint runs on a miss and records whether it was
/// used: a response built from session state belongs to that session and is never stored.
/// </summary>
internal sealed class SessionAccessTracker : ISession
{
    private readonly ISessionFeature _feature;
    private readonly ISession _inner;

    private SessionAccessTracker(ISessionFeature feature, ISession inner)
    {
        _feature = feature;
        _inner = inner;
    }

    /// <summary>Gets whether the endpoint read or wrote the session (any member).</summary>
    public bool Used { get; private set; }

    public bool IsAvailable => Touch().IsAvailable;

    public string Id => Touch().Id;

    public IEnumerable<string> Keys => Touch().Keys;

    /// <summary>Puts a tracker in front of the request's session, if it has one; <see cref="Detach"/> puts the session back.</summary>
    public static SessionAccessTracker? Attach(HttpContext context)
    {
        if (context.Features.Get<ISessionFeature>() is not { Session: { } session } feature)
        {
            return null;
        }

        var tracker = new SessionAccessTracker(feature, session);
        feature.Session = tracker;
        return tracker;
    }

    public void Detach()
    {
        if (ReferenceEquals(_feature.Session, this))
        {
            _feature.Session = _inner;
        }
    }

    public Task LoadAsync(CancellationToken cancellationToken = default) => Touch().LoadAsync(cancellationToken);

    public Task CommitAsync(CancellationToken cancellationToken = default) => Touch().CommitAsync(cancellationToken);

    public bool TryGetValue(string key, [NotNullWhen(true)] out byte[]? value) => Touch().TryGetValue(key, out value);

    public void Set(string key, byte[] value) => Touch().Set(key, value);

    public void Remove(string key) => Touch().Remove(key);

    public void Clear() => Touch().Clear();

    private ISession Touch()
    {
        Used = true;
        return _inner;
    }
}
