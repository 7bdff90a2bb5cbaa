using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis;
using Velithon.Generators.Common;

namespace Velithon.Generators.Json;

// Plain types: a class, struct or record reached from a [VelithonJson] type's members without [VelithonJson] itself (a
// DTO of another assembly, a type the user cannot make partial). Its code cannot live in the type, so it is parsed like
// a [VelithonJson] type, with the settings of the type that reaches it and only what System.Text.Json sees without a
// context (public members, a public or [JsonConstructor] constructor), and emitted as a file-local static handler class
// in the reaching type's generated file. One copy per reaching type: each is compiled with that type's settings, as
// System.Text.Json compiles a whole object graph with one JsonSerializerOptions.
internal sealed partial class Parser
{
    private const string PlainHandlerPrefix = "__VelithonJsonPlain_";

    // Shared by the parser of a [VelithonJson] type and the parsers of the plain types it reaches (null while parsing
    // anything else: generic type arguments, polymorphism, ...).
    private PlainGraph? _plainGraph;

    // This parser parses a plain type (members through `value.`, accessibility from the assembly).
    private bool _isPlain;

    // Plain shapes are resolved for members only (not for type arguments of generic uses, derived types, ...).
    private bool _resolvingMember;

    // The plain types the member being resolved reaches directly (VLG122 names them).
    private readonly List<INamedTypeSymbol> _memberPlainTypes = new();

    // Why the last PlainShape failed (reported as VLG102 with the reason).
    private string? _plainError;

    // Where generated code runs: inside the type for a [VelithonJson] type, a file-local class of the assembly for a plain one.
    private ISymbol AccessWithin => _isPlain ? _compilation.Assembly : _type;

    /// <summary>The plain types a [VelithonJson] type reaches: their handler names, or why they cannot be generated.</summary>
    private sealed class PlainGraph
    {
        public PlainGraph(string reachingTypeName, CancellationToken cancellationToken)
        {
            ReachingTypeName = reachingTypeName;
            CancellationToken = cancellationToken;
        }

        public string ReachingTypeName { get; }

        public CancellationToken CancellationToken { get; }

        public Dictionary<ITypeSymbol, (string? Handler, string? Error)> States { get; } = new(SymbolEqualityComparer.Default);

        public List<TypeModel> Models { get; } = new();
    }

    /// <summary>The handler class name for a plain type: its fully qualified name with a reversible escaping.</summary>
    internal static string PlainHandlerName(ITypeSymbol type)
    {
        string name = type.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToDisplayString();
        var builder = new StringBuilder(PlainHandlerPrefix, PlainHandlerPrefix.Length + name.Length);
        foreach (char c in name)
        {
            if (c == '_')
            {
                builder.Append("__");
            }
            else if (c == '.')
            {
                builder.Append('_');
            }
            else if (c < 128 && char.IsLetterOrDigit(c))
            {
                builder.Append(c);
            }
            else
            {
                // '.' is followed by an identifier, which never starts with a digit: "_0…_" cannot be read as ".0…".
                builder.Append("_0").Append(((int)c).ToString("X", CultureInfo.InvariantCulture)).Append('_');
            }
        }

        return builder.ToString();
    }

    /// <summary>The shape of a plain type reached by a member: written and read by its generated handler.</summary>
    /// <returns>Null with <see cref="_plainError"/> set when it cannot be generated (or null alone when it is not a plain type).</returns>
    private TypeShape? PlainShape(INamedTypeSymbol type, string typeName, string display)
    {
        if (_plainGraph is null || !_resolvingMember)
        {
            return null;
        }

        INamedTypeSymbol definition = (INamedTypeSymbol)type.WithNullableAnnotation(NullableAnnotation.NotAnnotated);
        if (!_plainGraph.States.TryGetValue(definition, out (string? Handler, string? Error) state))
        {
            state = ParsePlain(definition);
        }

        if (state.Handler is null)
        {
            _plainError = state.Error;
            return null;
        }

        _memberPlainTypes.Add(definition);
        bool reaches = MayFailWriting(definition, new HashSet<ITypeSymbol>(SymbolEqualityComparer.Default));
        return new TypeShape(ShapeKind.Object, typeName, display, type.IsValueType, PrimitiveKind.None, null, null, null, reaches, Plain: state.Handler, ReadsThroughConstructor: ReadsThroughConstructor(definition));
    }

    private (string? Handler, string? Error) ParsePlain(INamedTypeSymbol type)
    {
        PlainGraph graph = _plainGraph!;
        if (WhyNotPlain(type) is { } refused)
        {
            return graph.States[type] = (null, refused);
        }

        // Registered before its members are parsed, so a type that reaches itself (a tree) refers to its own handler.
        string handler = PlainHandlerName(type);
        graph.States[type] = (handler, null);
        int modelsBefore = graph.Models.Count;
        List<ITypeSymbol> statesBefore = graph.States.Keys.ToList();

        var parser = new Parser(_compilation, type) { _plainGraph = graph, _isPlain = true, _options = _options };
        TypeModel? model = parser.ParsePlainType(handler, graph.ReachingTypeName);
        string? error = model is null ? "it cannot be generated" : null;
        if (parser._diagnostics.FirstOrDefault() is { } first)
        {
            error = "generating it outside the type fails: " + first.ToDiagnostic().GetMessage(CultureInfo.InvariantCulture);
        }
        else if (model is { CannotReadReason: { } cannotRead })
        {
            error = "System.Text.Json cannot read it: " + cannotRead;
        }
        else if (model is not null && (model.EmitsPopulate || model.Members.Any(m => m.Populate)))
        {
            error = "it would be populated (JsonObjectCreationHandling.Populate), which a generated plain handler does not compile";
        }

        if (error is not null)
        {
            // The plain types parsed for this one (which may refer to its handler) go with it.
            graph.Models.RemoveRange(modelsBefore, graph.Models.Count - modelsBefore);
            var keep = new HashSet<ITypeSymbol>(statesBefore, SymbolEqualityComparer.Default);
            foreach (ITypeSymbol added in graph.States.Keys.Where(k => !keep.Contains(k)).ToList())
            {
                graph.States.Remove(added);
            }

            return graph.States[type] = (null, error);
        }

        graph.Models.Add(model!);
        return (handler, null);
    }

    /// <summary>Why a type without <c>[VelithonJson]</c> cannot be generated outside it (null when it can).</summary>
    private string? WhyNotPlain(INamedTypeSymbol type)
    {
        if (_type.TypeParameters.Length > 0 || _type.ContainingType?.IsGenericType == true)
        {
            return "plain types are generated for non-generic [VelithonJson] types only";
        }

        if (type.TypeKind is not (TypeKind.Class or TypeKind.Struct) || type.IsRefLikeType)
        {
            return type.TypeKind == TypeKind.Interface
                ? "it is an interface (System.Text.Json cannot create it)"
                : "it is not a class, struct or record";
        }

        if (type.IsAbstract)
        {
            return "it is abstract (System.Text.Json cannot create it)";
        }

        if (type.IsGenericType)
        {
            return "generic plain types are not generated; add [VelithonJson] and partial to it";
        }

        string ns = type.ContainingNamespace?.ToDisplayString() ?? string.Empty;
        if (ns == "System" || ns.StartsWith("System.", StringComparison.Ordinal) || ns == "Microsoft" || ns.StartsWith("Microsoft.", StringComparison.Ordinal))
        {
            return "it is a framework type, which System.Text.Json may convert with a converter of its own";
        }

        if (type.IsFileLocal || !_compilation.IsSymbolAccessibleWithin(type, _compilation.Assembly))
        {
            return "it is not accessible from generated code";
        }

        if (type.AllInterfaces.Any(i => i.ToDisplayString() == "System.Collections.IEnumerable"))
        {
            return "it is a collection (System.Text.Json writes it as an array or dictionary)";
        }

        if (HasAttribute(type, PolymorphicAttribute) || HasAttribute(type, DerivedTypeAttribute) || IsPolymorphicPart(type))
        {
            return "it is part of a polymorphic hierarchy; add [VelithonJson] and partial to it";
        }

        if (_options.Populate)
        {
            return "it would be populated (PreferredObjectCreationHandling = Populate), which a generated plain handler does not compile";
        }

        return null;
    }

    /// <summary>Parses this plain type as System.Text.Json sees it without a context.</summary>
    private TypeModel? ParsePlainType(string handler, string contractTypeName)
    {
        CancellationToken cancellationToken = _plainGraph!.CancellationToken;
        LocationInfo? typeLocation = LocationInfo.From(_type);
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
        CheckDuplicateNames(members);

        string? cannotRead = null;
        var parameters = new List<ParameterModel>();
        IMethodSymbol? constructor = SelectConstructor(ref cannotRead);
        if (constructor is not null && !_compilation.IsSymbolAccessibleWithin(constructor, _compilation.Assembly))
        {
            cannotRead = $"its constructor '{constructor.ToDisplayString()}' is not accessible from generated code";
            constructor = null;
        }

        bool setsRequired = constructor is not null && HasAttribute(constructor, "System.Diagnostics.CodeAnalysis.SetsRequiredMembersAttribute");
        if (constructor is not null)
        {
            BindParameters(constructor, members, _ignoredMembers, parameters, _options.RespectRequiredConstructorParameters, _options.RespectNullableAnnotations, ref cannotRead);
        }

        var finalMembers = new List<MemberModel>(members.Count);
        foreach ((MemberModel model, ISymbol symbol) in members)
        {
            finalMembers.Add(setsRequired && model.Read == ReadKind.Initializer
                ? model with { Read = AssignKind(symbol), IsRequired = HasAttribute(symbol, SerializationNamespace + "JsonRequiredAttribute") }
                : model);
        }

        bool emitsPopulate = ApplyPopulate(finalMembers, constructor, null, typeLocation, out bool createsThroughAccessor);
        return new TypeModel(
            Namespace: string.Empty,
            Name: handler,
            TypeName: _type.ToDisplayString(TypeNameFormat),
            DisplayName: DisplayName(_type),
            HintName: string.Empty,
            Keyword: "class",
            IsValueType: _type.IsValueType,
            HidesBaseReadJson: false,
            HidesBaseTryReadJsonFast: false,
            ContainingTypes: EquatableArray<ContainingTypeModel>.Empty,
            Members: finalMembers.ToEquatableArray(),
            ConstructorParameters: parameters.ToEquatableArray(),
            CannotReadReason: cannotRead,
            IsModuleAccessible: false,
            Options: _options,
            DisallowUnmappedMembers: disallowUnmapped,
            IgnoredJsonNames: disallowUnmapped ? _ignoredNames.Distinct(StringComparer.Ordinal).ToEquatableArray() : EquatableArray<string>.Empty,
            EmitsPopulate: emitsPopulate,
            CreatesThroughAccessor: createsThroughAccessor,
            ContractTypeName: contractTypeName,
            IsPlain: true);
    }

    /// <summary>The name <c>Compilation.GetTypeByMetadataName</c> finds the type by (<c>Ns.Outer+Inner</c>).</summary>
    private static string MetadataName(INamedTypeSymbol type)
    {
        string name = type.MetadataName;
        for (INamedTypeSymbol? outer = type.ContainingType; outer is not null; outer = outer.ContainingType)
        {
            name = outer.MetadataName + "+" + name;
            type = outer;
        }

        return type.ContainingNamespace is { IsGlobalNamespace: false } ns ? ns.ToDisplayString() + "." + name : name;
    }
}
