using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Velithon.Analyzers.Caching;

/// <summary>
/// Finds what a cached handler reads from the request: query parameters and headers bound to its parameters (explicitly,
/// or by minimal APIs' and MVC's inference for simple types when the route is known), and reads in its body through
/// <c>HttpRequest</c> (<c>Query</c>, <c>QueryString</c>, <c>Headers</c>, the body and form), plus a request handed to other
/// source code, which is not followed.
/// </summary>
internal static class RequestInputReader
{
    private const string HttpNamespace = "Microsoft.AspNetCore.Http";

    /// <summary>Typed <c>IHeaderDictionary</c> properties whose header name is not the property name split at capitals.</summary>
    private static readonly Dictionary<string, string> IrregularHeaderNames = new(StringComparer.Ordinal)
    {
        ["ETag"] = "ETag",
        ["TE"] = "TE",
        ["TraceParent"] = "traceparent",
        ["TraceState"] = "tracestate",
        ["XXSSProtection"] = "X-XSS-Protection",
        ["XUACompatible"] = "X-UA-Compatible",
        ["SecWebSocketAccept"] = "Sec-WebSocket-Accept",
        ["SecWebSocketKey"] = "Sec-WebSocket-Key",
        ["SecWebSocketProtocol"] = "Sec-WebSocket-Protocol",
        ["SecWebSocketVersion"] = "Sec-WebSocket-Version",
        ["SecWebSocketExtensions"] = "Sec-WebSocket-Extensions",
    };

    /// <summary>Parameter types the frameworks bind from the request body.</summary>
    private static readonly string[] BodyParameterTypes =
    [
        "System.IO.Stream", "System.IO.Pipelines.PipeReader", HttpNamespace + ".IFormFile", HttpNamespace + ".IFormFileCollection", HttpNamespace + ".IFormCollection",
    ];

    public static List<RequestInput> Read(CachedHandlerSite site, SemanticModel model, CancellationToken cancellationToken)
    {
        var inputs = new List<RequestInput>();
        HashSet<string>? routeValues = site.RouteTemplates is null
            ? null
            : new HashSet<string>(site.RouteTemplates.SelectMany(CachedHandlerSite.RouteParameters), StringComparer.OrdinalIgnoreCase);
        foreach (ParameterSyntax parameter in site.Parameters?.Parameters ?? default)
        {
            if (model.GetDeclaredSymbol(parameter, cancellationToken) is IParameterSymbol symbol)
            {
                ReadParameter(symbol, symbol.Name, symbol.Type, symbol.GetAttributes(), parameter.GetLocation(), routeValues, inputs, expand: true);
            }
        }

        if (site.Body is not null)
        {
            ReadBody(site.Body, model, inputs, cancellationToken);
        }

        return inputs;
    }

    private static void ReadParameter(ISymbol symbol, string name, ITypeSymbol type, IEnumerable<AttributeData> attributes, Location location, HashSet<string>? routeValues, List<RequestInput> inputs, bool expand)
    {
        foreach (AttributeData attribute in attributes)
        {
            switch (BindingSource(attribute))
            {
                case "Query":
                    string query = BindingName(attribute) ?? name;
                    inputs.Add(new RequestInput(RequestInputKind.Query, query, "[FromQuery] " + name, location));
                    return;
                case "Header":
                    // The cache keys headers bound to parameters by itself (BoundHeaders in Velithon.AspNetCore).
                    return;
                case "Body":
                    inputs.Add(new RequestInput(RequestInputKind.Body, null, "[" + attribute.AttributeClass!.Name.Replace("Attribute", string.Empty) + "] " + name, location));
                    return;
                case "AsParameters" when expand && type is INamedTypeSymbol bag:
                    foreach ((ISymbol member, string memberName, ITypeSymbol memberType) in BagMembers(bag))
                    {
                        ReadParameter(member, memberName, memberType, member.GetAttributes(), location, routeValues, inputs, expand: false);
                    }

                    return;
                case "Other":
                    return; // route, services, keyed services, custom binders: not request inputs the key misses
            }
        }

        string typeName = type.ToDisplayString();
        if (BodyParameterTypes.Contains(typeName))
        {
            inputs.Add(new RequestInput(RequestInputKind.Body, null, type.Name + " " + name, location));
        }
        else if (routeValues is not null && !routeValues.Contains(name) && IsSimple(type))
        {
            inputs.Add(new RequestInput(RequestInputKind.Query, name, name + " (bound from the query)", location));
        }
    }

    /// <summary>Query, Header, Body, AsParameters, Other (another binding source), or null (not a binding attribute).</summary>
    private static string? BindingSource(AttributeData attribute)
    {
        INamedTypeSymbol? type = attribute.AttributeClass;
        if (type is null)
        {
            return null;
        }

        static bool Implements(INamedTypeSymbol type, string metadata) =>
            type.AllInterfaces.Any(i => i.Name == metadata && i.ContainingNamespace.ToDisplayString() == HttpNamespace + ".Metadata");

        return type.Name switch
        {
            "FromQueryAttribute" => "Query",
            "FromHeaderAttribute" => "Header",
            "FromBodyAttribute" or "FromFormAttribute" => "Body",
            "AsParametersAttribute" => "AsParameters",
            "FromRouteAttribute" or "FromServicesAttribute" or "FromKeyedServicesAttribute" or "ModelBinderAttribute" or "BindAttribute" => "Other",
            _ when Implements(type, "IFromQueryMetadata") => "Query",
            _ when Implements(type, "IFromHeaderMetadata") => "Header",
            _ when Implements(type, "IFromBodyMetadata") || Implements(type, "IFromFormMetadata") => "Body",
            _ when Implements(type, "IFromRouteMetadata") || Implements(type, "IFromServiceMetadata") => "Other",
            _ => null,
        };
    }

    private static string? BindingName(AttributeData attribute) =>
        attribute.NamedArguments.FirstOrDefault(a => a.Key == "Name").Value.Value as string is { Length: > 0 } name ? name : null;

    /// <summary>The members [AsParameters] binds: the parameters of the widest public constructor, then settable public properties.</summary>
    private static IEnumerable<(ISymbol Member, string Name, ITypeSymbol Type)> BagMembers(INamedTypeSymbol bag)
    {
        IMethodSymbol? constructor = bag.InstanceConstructors.Where(c => c.DeclaredAccessibility == Accessibility.Public).OrderByDescending(c => c.Parameters.Length).FirstOrDefault();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (IParameterSymbol parameter in constructor?.Parameters ?? default)
        {
            seen.Add(parameter.Name);

            // A record's positional parameter carries its attributes on the parameter, or on the property with [property: ...].
            IPropertySymbol? property = bag.GetMembers(parameter.Name).OfType<IPropertySymbol>().FirstOrDefault();
            yield return (property is not null && !parameter.GetAttributes().Any() ? property : parameter, parameter.Name, parameter.Type);
        }

        foreach (IPropertySymbol property in bag.GetMembers().OfType<IPropertySymbol>())
        {
            if (property.DeclaredAccessibility == Accessibility.Public && !property.IsStatic && property.SetMethod is not null && seen.Add(property.Name))
            {
                yield return (property, property.Name, property.Type);
            }
        }
    }

    /// <summary>Whether the frameworks bind the type from one route or query value: primitives, enums, strings, types with TryParse, their nullables and arrays.</summary>
    private static bool IsSimple(ITypeSymbol type)
    {
        if (type is IArrayTypeSymbol array)
        {
            return IsSimple(array.ElementType);
        }

        if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable)
        {
            return IsSimple(nullable.TypeArguments[0]);
        }

        if (type.SpecialType is >= SpecialType.System_Boolean and <= SpecialType.System_String or SpecialType.System_DateTime || type.TypeKind == TypeKind.Enum)
        {
            return true;
        }

        return type.GetMembers("TryParse").OfType<IMethodSymbol>().Any(m => m.IsStatic && m.Parameters.Length is 2 or 3
            && m.Parameters[0].Type.SpecialType == SpecialType.System_String && m.Parameters[m.Parameters.Length - 1].RefKind == RefKind.Out);
    }

    private static void ReadBody(SyntaxNode body, SemanticModel model, List<RequestInput> inputs, CancellationToken cancellationToken)
    {
        foreach (SyntaxNode node in body.DescendantNodes())
        {
            switch (node)
            {
                case SimpleNameSyntax name when name.Identifier.ValueText is "Query" or "QueryString" or "Headers" or "Body" or "BodyReader" or "Form" or "ReadFormAsync" or "ReadFromJsonAsync" or "GetTypedHeaders":
                    ReadMember(name, model, inputs, cancellationToken);
                    break;
                case InvocationExpressionSyntax invocation:
                    ReadHandOff(invocation, model, inputs, cancellationToken);
                    break;
            }
        }
    }

    private static void ReadMember(SimpleNameSyntax name, SemanticModel model, List<RequestInput> inputs, CancellationToken cancellationToken)
    {
        ISymbol? symbol = model.GetSymbolInfo(name, cancellationToken).Symbol;
        ExpressionSyntax access = name.Parent is MemberAccessExpressionSyntax member && member.Name == name ? member : name;
        Location location = access.GetLocation();
        switch (symbol)
        {
            case IPropertySymbol { Name: "Query" } property when IsHttpRequest(property.ContainingType):
                string? key = KeyOf(access, model, cancellationToken, out string what);
                inputs.Add(new RequestInput(RequestInputKind.Query, key, "Query" + what, location));
                break;
            case IPropertySymbol { Name: "QueryString" } property when IsHttpRequest(property.ContainingType):
                inputs.Add(new RequestInput(RequestInputKind.Query, null, "QueryString", location));
                break;
            case IPropertySymbol { Name: "Headers" } property when IsHttpRequest(property.ContainingType):
                string? header = HeaderOf(access, model, cancellationToken, out string how);
                inputs.Add(new RequestInput(RequestInputKind.Header, header, "Headers" + how, location));
                break;
            case IPropertySymbol { Name: "Body" or "BodyReader" or "Form" } property when IsHttpRequest(property.ContainingType):
                inputs.Add(new RequestInput(RequestInputKind.Body, null, property.Name, location));
                break;
            case IMethodSymbol { Name: "ReadFormAsync" or "ReadFromJsonAsync" } method when IsHttpRequest(method.ContainingType) || (method.ReducedFrom ?? method).Parameters.FirstOrDefault() is { } self && IsHttpRequest(self.Type):
                inputs.Add(new RequestInput(RequestInputKind.Body, null, method.Name + "()", location));
                break;
            case IMethodSymbol { Name: "GetTypedHeaders" } method when (method.ReducedFrom ?? method).Parameters.FirstOrDefault() is { } request && IsHttpRequest(request.Type):
                inputs.Add(new RequestInput(RequestInputKind.Header, null, "GetTypedHeaders()", location));
                break;
        }
    }

    /// <summary>A request or its context passed to a method declared in source: its reads are not followed.</summary>
    private static void ReadHandOff(InvocationExpressionSyntax invocation, SemanticModel model, List<RequestInput> inputs, CancellationToken cancellationToken)
    {
        foreach (ArgumentSyntax argument in invocation.ArgumentList.Arguments)
        {
            ITypeSymbol? type = model.GetTypeInfo(argument.Expression, cancellationToken).Type;
            if (type is null || !(IsHttpRequest(type) || (type.Name == "HttpContext" && type.ContainingNamespace?.ToDisplayString() == HttpNamespace)))
            {
                continue;
            }

            if (model.GetSymbolInfo(invocation, cancellationToken).Symbol is IMethodSymbol callee && callee.Locations.Any(l => l.IsInSource))
            {
                inputs.Add(new RequestInput(RequestInputKind.Unseen, callee.Name, callee.Name + "(" + argument.Expression + ")", argument.GetLocation()));
            }
        }
    }

    private static bool IsHttpRequest(ITypeSymbol? type) =>
        type is { Name: "HttpRequest" } && type.ContainingNamespace?.ToDisplayString() == HttpNamespace;

    /// <summary>
    /// The constant key read from a collection (<c>Query</c>, <c>Headers</c>, <c>Cookies</c>): <c>x["k"]</c>,
    /// <c>x.TryGetValue("k", ...)</c>, <c>x.ContainsKey("k")</c> or <c>x.GetCommaSeparatedValues("k")</c>.
    /// </summary>
    internal static string? KeyOf(ExpressionSyntax access, SemanticModel model, CancellationToken cancellationToken, out string what)
    {
        ExpressionSyntax? argument = access.Parent switch
        {
            ElementAccessExpressionSyntax element when element.Expression == access && element.ArgumentList.Arguments.Count == 1 => element.ArgumentList.Arguments[0].Expression,
            MemberAccessExpressionSyntax { Name.Identifier.ValueText: "TryGetValue" or "ContainsKey" or "GetCommaSeparatedValues" } call when call.Expression == access
                && call.Parent is InvocationExpressionSyntax { ArgumentList.Arguments.Count: > 0 } invocation => invocation.ArgumentList.Arguments[0].Expression,
            _ => null,
        };
        string? key = argument is not null && model.GetConstantValue(argument, cancellationToken) is { HasValue: true, Value: string k } ? k : null;
        what = key is null ? string.Empty : "[\"" + key + "\"]";
        return key;
    }

    private static string? HeaderOf(ExpressionSyntax access, SemanticModel model, CancellationToken cancellationToken, out string what)
    {
        if (access.Parent is MemberAccessExpressionSyntax { Name: IdentifierNameSyntax typed } member && member.Expression == access
            && model.GetSymbolInfo(typed, cancellationToken).Symbol is IPropertySymbol { ContainingType.Name: "IHeaderDictionary" } property)
        {
            what = "." + property.Name;
            return HeaderName(property.Name);
        }

        return KeyOf(access, model, cancellationToken, out what);
    }

    /// <summary>The header a typed <c>IHeaderDictionary</c> property reads: <c>AcceptLanguage</c> is <c>Accept-Language</c>.</summary>
    internal static string HeaderName(string property)
    {
        if (IrregularHeaderNames.TryGetValue(property, out string? irregular))
        {
            return irregular;
        }

        var name = new System.Text.StringBuilder(property.Length + 4);
        for (int i = 0; i < property.Length; i++)
        {
            char c = property[i];
            bool wordStart = i > 0 && char.IsUpper(c)
                && (char.IsLower(property[i - 1]) || char.IsDigit(property[i - 1]) || (i + 1 < property.Length && char.IsLower(property[i + 1])));
            if (wordStart)
            {
                name.Append('-');
            }

            name.Append(c);
        }

        return name.ToString();
    }
}
