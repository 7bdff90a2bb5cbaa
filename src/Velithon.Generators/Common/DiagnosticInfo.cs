using System;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Velithon.Generators.Common;

/// <summary>A <see cref="Location"/> reduced to values, so it can sit in a cached pipeline model.</summary>
internal sealed record LocationInfo(string FilePath, TextSpan TextSpan, LinePositionSpan LineSpan)
{
    public Location ToLocation() => Location.Create(FilePath, TextSpan, LineSpan);

    public static LocationInfo? From(Location? location)
    {
        if (location is null || location.SourceTree is null)
        {
            return null;
        }

        return new LocationInfo(location.SourceTree.FilePath, location.SourceSpan, location.GetLineSpan().Span);
    }

    public static LocationInfo? From(ISymbol symbol) => From(symbol.Locations.FirstOrDefault());
}

/// <summary>A diagnostic to report, made of values only (no <see cref="Location"/> or symbols).</summary>
/// <param name="Properties">The diagnostic's properties (for code fixes), as key, value, key, value, ...</param>
internal sealed record DiagnosticInfo(DiagnosticDescriptor Descriptor, LocationInfo? Location, EquatableArray<string> MessageArgs, EquatableArray<string> Properties = default)
{
    public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, LocationInfo? location, params string[] messageArgs) =>
        new(descriptor, location, new EquatableArray<string>(messageArgs));

    public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, LocationInfo? location, string[] properties, params string[] messageArgs) =>
        new(descriptor, location, new EquatableArray<string>(messageArgs), new EquatableArray<string>(properties));

    public Diagnostic ToDiagnostic()
    {
        ImmutableDictionary<string, string?>? properties = null;
        if (Properties.Count != 0)
        {
            ImmutableDictionary<string, string?>.Builder builder = ImmutableDictionary.CreateBuilder<string, string?>();
            for (int i = 0; i + 1 < Properties.Count; i += 2)
            {
                builder[Properties[i]] = Properties[i + 1];
            }

            properties = builder.ToImmutable();
        }

        return Diagnostic.Create(Descriptor, Location?.ToLocation(), properties, MessageArgs.Cast<object>().ToArray());
    }
}
