using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Velithon.Generators.Common;
using Velithon.CodeAnalysis;

namespace Velithon.Generators.Json;

/// <summary>Turns a <c>[VelithonJson]</c> type symbol into a <see cref="TypeModel"/> plus diagnostics.</summary>
internal sealed partial class Parser
{
    private const string SerializationNamespace = "System.Text.Json.Serialization.";

    private static readonly SymbolDisplayFormat TypeNameFormat = SymbolDisplayFormat.FullyQualifiedFormat
        .AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

    private readonly Compilation _compilation;
    private readonly INamedTypeSymbol _type;
    private readonly List<DiagnosticInfo> _diagnostics = new();
    private JsonOptionsModel _options = JsonOptionsModel.Web;

    // Names of [JsonIgnore]d members: System.Text.Json counts them as mapped (UnmappedMemberHandling.Disallow skips them).
    private readonly List<string> _ignoredNames = new();

    // Members [JsonIgnore]d always: a constructor parameter bound to one gets its default, as in System.Text.Json.
    private readonly List<ISymbol> _ignoredMembers = new();

    // [JsonNumberHandling] on the type itself (not inherited, as System.Text.Json reads it): its members' number handling.
    private NumberHandling? _typeNumberHandling;

    // Why the last ConverterShape failed (reported as VLG110 instead of VLG102).
    private string? _converterError;

    private Parser(Compilation compilation, INamedTypeSymbol type)
    {
        _compilation = compilation;
        _type = type;
    }

    public static ParseResult Parse(INamedTypeSymbol type, Compilation compilation, CancellationToken cancellationToken)
    {
        var parser = new Parser(compilation, type);
        TypeModel? model = parser.ParseType(cancellationToken);
        return new ParseResult(model, parser._diagnostics.ToEquatableArray());
    }

    private TypeModel? ParseType(CancellationToken cancellationToken)
    {
        LocationInfo? typeLocation = LocationInfo.From(_type);
        if (!IsSupportedGenericShape(typeLocation))
        {
            return null;
        }

        for (INamedTypeSymbol? t = _type; t is not null; t = t.ContainingType)
        {
            if (!IsPartial(t, cancellationToken))
            {
                Report(JsonDiagnostics.TypeNotPartial, LocationInfo.From(t), t.ToDisplayString());
                return null;
            }
        }

        if (!IsSupportedDeclaration(typeLocation))
        {
            return null;
        }

        _options = OptionsReader.Read(_type, _diagnostics, cancellationToken);
        _plainGraph = new PlainGraph(_type.ToDisplayString(TypeNameFormat), cancellationToken);
        if (!HasSupportedGenericOptions(typeLocation))
        {
            return null;
        }

        ReportUnsupportedTypeAttributes(typeLocation);
        PolymorphismModel? polymorphism = ParsePolymorphism(cancellationToken);
        bool disallowUnmapped = DisallowsUnmappedMembers(typeLocation);
        if (FindAttribute(_type, SerializationNamespace + "JsonObjectCreationHandlingAttribute") is { } creation
            && CheckObjectCreationHandling(creation, _type, typeLocation, cancellationToken))
        {
            _typeCreation = (int)creation.ConstructorArguments[0].Value!;
        }
        if (FindAttribute(_type, SerializationNamespace + "JsonNumberHandlingAttribute") is { } typeHandling)
        {
            _typeNumberHandling = ReadNumberHandling(typeHandling, _type, cancellationToken);
        }

        var members = new List<(MemberModel Model, ISymbol Symbol)>();
        CollectMembers(members, cancellationToken);
        List<string> handlerRegistrations = CollectHandlers(members);
        CheckDuplicateNames(members);
        CheckMetadataConflicts(members, polymorphism);

        string? cannotRead = null;
        var parameters = new List<ParameterModel>();
        IMethodSymbol? constructor = SelectConstructor(ref cannotRead);
        bool setsRequired = constructor is not null && HasAttribute(constructor, "System.Diagnostics.CodeAnalysis.SetsRequiredMembersAttribute");
        disallowUnmapped = CheckExtensionDataContract(constructor, disallowUnmapped);
        if (constructor is not null)
        {
            BindParameters(constructor, members, _ignoredMembers, parameters, _options.RespectRequiredConstructorParameters, _options.RespectNullableAnnotations, ref cannotRead);
        }

        // An abstract type in a polymorphic hierarchy is read through its derived types (as in System.Text.Json): no warning.
        if (cannotRead is not null && !(_type.IsAbstract && IsPolymorphicPart(_type)))
        {
            Report(JsonDiagnostics.NoUsableConstructor, typeLocation, _type.ToDisplayString(), cannotRead);
        }

        var finalMembers = new List<MemberModel>(members.Count);
        foreach ((MemberModel model, ISymbol symbol) in members)
        {
            MemberModel m = model;
            if (setsRequired && m.Read == ReadKind.Initializer)
            {
                // [SetsRequiredMembers]: the constructor promises them, so they are optional like any other member.
                m = m with { Read = AssignKind(symbol), IsRequired = HasAttribute(symbol, SerializationNamespace + "JsonRequiredAttribute") };
            }

            finalMembers.Add(m);
        }

        bool emitsPopulate = ApplyPopulate(finalMembers, constructor, polymorphism, typeLocation, out bool createsThroughAccessor);

        var containing = new List<ContainingTypeModel>();
        for (INamedTypeSymbol? t = _type.ContainingType; t is not null; t = t.ContainingType)
        {
            containing.Insert(0, new ContainingTypeModel(Keyword(t), t.Name));
        }

        string ns = _type.ContainingNamespace is { IsGlobalNamespace: false } n ? n.ToDisplayString() : string.Empty;
        string hintPrefix = string.Join(".", containing.Select(c => c.Name).Concat(new[] { HintTypeName() }));
        string hintName = (ns.Length == 0 ? hintPrefix : ns + "." + hintPrefix) + ".VelithonJson.g.cs";

        return new TypeModel(
            Namespace: ns,
            Name: DeclarationName(),
            TypeName: _type.ToDisplayString(TypeNameFormat),
            DisplayName: DisplayName(_type),
            HintName: hintName,
            Keyword: Keyword(_type),
            IsValueType: _type.IsValueType,
            HidesBaseReadJson: HidesBaseReadJson(),
            HidesBaseTryReadJsonFast: HidesBaseTryReadJsonFast(),
            ContainingTypes: containing.ToEquatableArray(),
            Members: finalMembers.ToEquatableArray(),
            ConstructorParameters: parameters.ToEquatableArray(),
            CannotReadReason: cannotRead,
            IsModuleAccessible: IsModuleAccessible(_type) && _type.TypeParameters.Length == 0,
            Options: _options,
            DisallowUnmappedMembers: disallowUnmapped,
            IgnoredJsonNames: disallowUnmapped || _extensionData is { Readable: true } ? _ignoredNames.Distinct(StringComparer.Ordinal).ToEquatableArray() : EquatableArray<string>.Empty,
            HandlerRegistrations: handlerRegistrations.ToEquatableArray(),
            IsGeneric: _type.TypeParameters.Length > 0,
            Polymorphism: polymorphism,
            IsPolymorphicPart: IsPolymorphicPart(_type),
            HidesBaseReadObject: HidesBaseReadObject(),
            EmitsPopulate: emitsPopulate,
            CreatesThroughAccessor: createsThroughAccessor,
            PlainTypes: _plainGraph.Models.ToEquatableArray(),
            ExtensionData: _extensionData);
    }

    // Declarations the generated part cannot complete: refused at the type (VLG103) instead of emitting code that fails
    // to compile in the generated file.
    private bool IsSupportedDeclaration(LocationInfo? location)
    {
        if (_type.DeclaringSyntaxReferences.FirstOrDefault()?.SyntaxTree.Options is CSharpParseOptions { LanguageVersion: < LanguageVersion.CSharp11 and var version })
        {
            // IVelithonJson<T> has static abstract members, and the generated code uses UTF-8 literals and file-local types.
            Report(JsonDiagnostics.UnsupportedAttributeUsage, location,
                $"[VelithonJson] on '{_type.ToDisplayString()}' needs C# 11 or later (the generated code implements static abstract interface members), and the project's language version is {version.ToDisplayString()}; set <LangVersion> to 11 or later");
            return false;
        }

        if (_type.IsRefLikeType)
        {
            Report(JsonDiagnostics.UnsupportedAttributeUsage, location,
                $"[VelithonJson] type '{_type.ToDisplayString()}' is a ref struct, which cannot implement IVelithonJson<T> (nor does System.Text.Json serialize ref structs); use a struct");
            return false;
        }

        for (INamedTypeSymbol? t = _type; t is not null; t = t.ContainingType)
        {
            if (t.IsFileLocal)
            {
                // A file-local type is another type in every other file: the generated part would not complete it.
                Report(JsonDiagnostics.UnsupportedAttributeUsage, location,
                    $"[VelithonJson] type '{_type.ToDisplayString()}' is {(SymbolEqualityComparer.Default.Equals(t, _type) ? "file-local" : $"nested in file-local type '{t.ToDisplayString()}'")}: the generated part, in its own file, cannot complete it; make it internal (or private, nested in another type)");
                return false;
            }
        }

        return !DeclaresGeneratedName();
    }

    // The generated part declares WriteJson, ReadJson and TryReadJsonFast (IVelithonJson<T>) in the type: a property,
    // field, event or nested type of that name (or the type's own name) would be CS0102 or CS0542 in the generated file.
    private bool DeclaresGeneratedName()
    {
        foreach (string name in new[] { "WriteJson", "ReadJson", "TryReadJsonFast" })
        {
            if (_type.Name == name)
            {
                Report(JsonDiagnostics.UnsupportedAttributeUsage, LocationInfo.From(_type),
                    $"[VelithonJson] type '{_type.ToDisplayString()}' is named '{name}', the name of a method the generated code adds to it; rename the type");
                return true;
            }

            foreach (ISymbol member in _type.GetMembers(name))
            {
                if (member is not IMethodSymbol && !member.IsImplicitlyDeclared)
                {
                    Report(JsonDiagnostics.UnsupportedAttributeUsage, LocationInfo.From(member) ?? LocationInfo.From(_type),
                        $"'{name}' of [VelithonJson] type '{_type.ToDisplayString()}' has the name of a method the generated code adds to the type; rename it (a [JsonPropertyName] keeps a property's JSON name)");
                    return true;
                }
            }
        }

        return false;
    }

    // The type's own [JsonUnmappedMemberHandling] (System.Text.Json does not inherit it) wins over UnmappedMemberHandling.
    private bool DisallowsUnmappedMembers(LocationInfo? location)
    {
        foreach (AttributeData attribute in _type.GetAttributes())
        {
            if (attribute.AttributeClass?.ToDisplayString() == SerializationNamespace + "JsonUnmappedMemberHandlingAttribute")
            {
                if (attribute.ConstructorArguments.Length == 1 && attribute.ConstructorArguments[0].Value is int value and (0 or 1))
                {
                    return value == 1;
                }

                Report(JsonDiagnostics.UnsupportedAttributeUsage, location,
                    $"[JsonUnmappedMemberHandling] on [VelithonJson] type '{_type.ToDisplayString()}' needs JsonUnmappedMemberHandling.Skip or JsonUnmappedMemberHandling.Disallow");
            }
        }

        return _options.UnmappedMemberHandling == UnmappedMembers.Disallow;
    }

    // A module initializer can name the type (registration for VelithonJsonTypeInfoResolver): it and every containing
    // type are public, internal or protected internal (private and protected nested types are not registered).
    private static bool IsModuleAccessible(INamedTypeSymbol type)
    {
        for (INamedTypeSymbol? t = type; t is not null; t = t.ContainingType)
        {
            if (!t.IsFileLocal && t.DeclaredAccessibility is not (Accessibility.Public or Accessibility.Internal or Accessibility.ProtectedOrInternal))
            {
                return false;
            }
        }

        return true;
    }

    private void Report(DiagnosticDescriptor descriptor, LocationInfo? location, params string[] args) =>
        _diagnostics.Add(DiagnosticInfo.Create(descriptor, location, args));

    private static bool IsPartial(INamedTypeSymbol type, CancellationToken cancellationToken) =>
        type.DeclaringSyntaxReferences.Any(r =>
            r.GetSyntax(cancellationToken) is TypeDeclarationSyntax syntax && syntax.Modifiers.Any(SyntaxKind.PartialKeyword));

    private static string Keyword(INamedTypeSymbol type)
    {
        string prefix = type.IsValueType && type.IsReadOnly ? "readonly " : string.Empty;
        if (type.IsRecord)
        {
            return prefix + (type.IsValueType ? "record struct" : "record");
        }

        return type.TypeKind switch
        {
            TypeKind.Struct => prefix + "struct",
            TypeKind.Interface => "interface",
            _ => "class",
        };
    }

    private bool HidesBaseReadJson()
    {
        if (_type.TypeKind == TypeKind.Interface)
        {
            return true; // IVelithonJson<T>.ReadJson, inherited as a static abstract member
        }

        for (INamedTypeSymbol? t = _type.BaseType; t is not null; t = t.BaseType)
        {
            if (t.GetMembers("ReadJson").Length > 0 || HasAttribute(t, VelithonMetadataNames.VelithonJsonAttribute))
            {
                return true;
            }
        }

        return false;
    }

    // TryReadJsonFast's out parameter is the type itself, so a base's (generated or not) is an overload, not hidden:
    // `new` only when a base declares one with this very signature (then it would be CS0108 without it, CS0109 with it
    // otherwise).
    private bool HidesBaseTryReadJsonFast()
    {
        for (INamedTypeSymbol? t = _type.BaseType; t is not null; t = t.BaseType)
        {
            foreach (ISymbol member in t.GetMembers("TryReadJsonFast"))
            {
                if (member is IMethodSymbol { IsStatic: true, Parameters.Length: 3 } method
                    && method.Parameters[0].Type.ToDisplayString() == VelithonMetadataNames.JsonFastReader
                    && method.Parameters[1].Type.ToDisplayString() == VelithonMetadataNames.VelithonJsonOptions
                    && SymbolEqualityComparer.Default.Equals(method.Parameters[2].Type, _type))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private void ReportUnsupportedTypeAttributes(LocationInfo? location)
    {
        foreach (AttributeData attribute in _type.GetAttributes())
        {
            string name = attribute.AttributeClass?.ToDisplayString() ?? string.Empty;
            if (name is SerializationNamespace + "JsonConverterAttribute")
            {
                Report(JsonDiagnostics.UnsupportedAttributeUsage, location,
                    $"[{ShortAttributeName(name)}] on [VelithonJson] type '{_type.ToDisplayString()}' is not supported");
            }
        }
    }

    private static string ShortAttributeName(string fullName)
    {
        string name = fullName.Substring(fullName.LastIndexOf('.') + 1);
        return name.EndsWith("Attribute", StringComparison.Ordinal) ? name.Substring(0, name.Length - "Attribute".Length) : name;
    }

    // ---- members ----

    /// <summary>
    /// Reports (VLG107) a <c>[VelithonJson]</c> type reachable from the member's type (itself, an element, a value, the
    /// underlying type of a nullable) that is compiled with other settings: System.Text.Json writes and reads a whole
    /// object graph with one <c>JsonSerializerOptions</c>, so mixed settings would be bytes STJ never writes.
    /// </summary>
    private bool CheckNestedOptions(ISymbol member, ITypeSymbol type, LocationInfo? location, CancellationToken cancellationToken)
    {
        switch (type)
        {
            case IArrayTypeSymbol array:
                return CheckNestedOptions(member, array.ElementType, location, cancellationToken);
            case INamedTypeSymbol { TypeKind: TypeKind.Enum }:
                return true;
            case INamedTypeSymbol named when named.IsGenericType:
                if (IsJsonObject(named) && !CheckNestedGenericOptions(member, named, location, cancellationToken))
                {
                    return false;
                }

                foreach (ITypeSymbol argument in named.TypeArguments)
                {
                    if (!CheckNestedOptions(member, argument, location, cancellationToken))
                    {
                        return false;
                    }
                }

                return true;
            case INamedTypeSymbol named when IsJsonObject(named) && !SymbolEqualityComparer.Default.Equals(named, _type):
                JsonOptionsModel theirs = HasAttribute(named, OptionsReader.AttributeName)
                    ? OptionsReader.Read(named, null, cancellationToken)
                    : OptionsReader.HandWritten;
                if (_options.FirstDifference(theirs) is { } difference)
                {
                    Report(JsonDiagnostics.MixedOptions, location, member.Name, _type.ToDisplayString(), named.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToDisplayString(), difference);
                    return false;
                }

                return true;
            default:
                return true;
        }
    }

    private static AttributeData? FindAttribute(ISymbol symbol, string fullName)
    {
        foreach (AttributeData attribute in symbol.GetAttributes())
        {
            if (attribute.AttributeClass?.ToDisplayString() == fullName)
            {
                return attribute;
            }
        }

        return null;
    }

    private static bool HasAttribute(ISymbol symbol, string fullName) => FindAttribute(symbol, fullName) is not null;

    /// <summary>The name <c>Type.ToString()</c> gives, which System.Text.Json puts in its error messages.</summary>
    internal static string DisplayName(ITypeSymbol type)
    {
        if (type is IArrayTypeSymbol array)
        {
            return DisplayName(array.ElementType) + "[" + new string(',', array.Rank - 1) + "]";
        }

        if (type is ITypeParameterSymbol)
        {
            return type.Name;
        }

        var builder = new StringBuilder();
        if (type.ContainingType is { } outer)
        {
            builder.Append(DisplayName(outer)).Append('+');
        }
        else if (type.ContainingNamespace is { IsGlobalNamespace: false } ns)
        {
            builder.Append(ns.ToDisplayString()).Append('.');
        }

        builder.Append(type.MetadataName);
        if (type is INamedTypeSymbol { IsGenericType: true } named && named.TypeArguments.Length > 0)
        {
            builder.Append('[').Append(string.Join(",", named.TypeArguments.Select(DisplayName))).Append(']');
        }

        return builder.ToString();
    }
}
