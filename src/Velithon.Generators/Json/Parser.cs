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
                Report(DiagnosticDescriptors.TypeNotPartial, LocationInfo.From(t), t.ToDisplayString());
                return null;
            }
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
            Report(DiagnosticDescriptors.NoUsableConstructor, typeLocation, _type.ToDisplayString(), cannotRead);
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

                Report(DiagnosticDescriptors.UnsupportedAttributeUsage, location,
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
                Report(DiagnosticDescriptors.UnsupportedAttributeUsage, location,
                    $"[{ShortAttributeName(name)}] on [VelithonJson] type '{_type.ToDisplayString()}' is not supported");
            }
        }
    }

    /// <summary>
    /// <c>[JsonObjectCreationHandling]</c> on the type (<paramref name="symbol"/> is the type) or a member: <c>Replace</c> and
    /// <c>Populate</c> are honoured (Parser.Populate.cs decides which members are populated); an undefined value, whose
    /// attribute constructor throws in System.Text.Json, is VLG109.
    /// </summary>
    /// <returns>Whether the attribute is honoured.</returns>
    private bool CheckObjectCreationHandling(AttributeData attribute, ISymbol symbol, LocationInfo? location, CancellationToken cancellationToken)
    {
        int value = attribute.ConstructorArguments.Length == 1 && attribute.ConstructorArguments[0].Value is int v ? v : -1;
        switch (value)
        {
            case 0:
                return true;
            case 1:
                // Populate: decided with the constructor (Parser.Populate.cs).
                return true;
            default:
                Report(DiagnosticDescriptors.InvalidSettingValue,
                    LocationInfo.From(attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken).GetLocation()) ?? location,
                    $"[JsonObjectCreationHandling((JsonObjectCreationHandling){value.ToString(CultureInfo.InvariantCulture)})] on '{symbol.Name}' is not valid: expected JsonObjectCreationHandling.Replace or JsonObjectCreationHandling.Populate (System.Text.Json's attribute throws ArgumentOutOfRangeException)");
                return false;
        }
    }

    private static string ShortAttributeName(string fullName)
    {
        string name = fullName.Substring(fullName.LastIndexOf('.') + 1);
        return name.EndsWith("Attribute", StringComparison.Ordinal) ? name.Substring(0, name.Length - "Attribute".Length) : name;
    }

    // ---- members ----

    private void CollectMembers(List<(MemberModel Model, ISymbol Symbol)> members, CancellationToken cancellationToken)
    {
        var seenNames = new HashSet<string>(StringComparer.Ordinal);
        var ordered = new List<(MemberModel Model, ISymbol Symbol, int Order, int Index)>();

        // Most-derived type first, then its bases: the order System.Text.Json's reflection resolver produces.
        for (INamedTypeSymbol? t = _type; t is not null && t.SpecialType is not SpecialType.System_Object and not SpecialType.System_ValueType; t = t.BaseType)
        {
            // Per type, properties come before fields, as in System.Text.Json's reflection resolver.
            foreach (ISymbol symbol in t.GetMembers().Where(m => m is IPropertySymbol).Concat(t.GetMembers().Where(m => m is IFieldSymbol)))
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (symbol.IsStatic || symbol.IsImplicitlyDeclared && symbol is not IPropertySymbol || symbol is not (IPropertySymbol or IFieldSymbol))
                {
                    continue;
                }

                if (symbol is IPropertySymbol { IsIndexer: true } || symbol is IFieldSymbol { IsConst: true })
                {
                    continue;
                }

                // Overridden or hidden members are represented by the most-derived declaration.
                if (!seenNames.Add(symbol.Name))
                {
                    continue;
                }

                if (TryCreateMember(symbol, cancellationToken, out MemberModel? model, out int order))
                {
                    ordered.Add((model!, symbol, order, ordered.Count));
                }
            }
        }

        foreach (var item in ordered.OrderBy(m => m.Order).ThenBy(m => m.Index))
        {
            members.Add((item.Model, item.Symbol));
        }
    }

    private bool TryCreateMember(ISymbol symbol, CancellationToken cancellationToken, out MemberModel? model, out int order)
    {
        model = null;
        order = 0;
        bool include = HasAttribute(symbol, SerializationNamespace + "JsonIncludeAttribute");
        bool canGet;
        bool canSet;
        ITypeSymbol memberType;

        if (symbol is IPropertySymbol property)
        {
            if (property.IsImplicitlyDeclared && property.Name == "EqualityContract")
            {
                return false;
            }

            bool publicProperty = property.DeclaredAccessibility == Accessibility.Public;
            bool publicGet = publicProperty && property.GetMethod is { DeclaredAccessibility: Accessibility.Public };
            bool publicSet = publicProperty && property.SetMethod is { DeclaredAccessibility: Accessibility.Public };
            if (!publicGet && !publicSet && !include)
            {
                return false;
            }

            canGet = property.GetMethod is not null && (publicGet || include);
            canSet = property.SetMethod is not null && (publicSet || include);
            memberType = property.Type;
        }
        else
        {
            // Fields: with [JsonInclude] (any accessibility), or public ones when IncludeFields.
            var field = (IFieldSymbol)symbol;
            if (field.AssociatedSymbol is not null || !(include || (_options.IncludeFields && field.DeclaredAccessibility == Accessibility.Public)))
            {
                return false;
            }

            canGet = true;
            canSet = !field.IsReadOnly;
            memberType = field.Type;
        }

        LocationInfo? location = LocationInfo.From(symbol);
        if (include && !_compilation.IsSymbolAccessibleWithin(symbol, AccessWithin))
        {
            Report(DiagnosticDescriptors.UnsupportedAttributeUsage, location,
                $"[JsonInclude] member '{symbol.ToDisplayString()}' is not accessible from '{_type.ToDisplayString()}'");
            return false;
        }

        if (_isPlain && canGet && symbol is IPropertySymbol { GetMethod: { } getter } && !_compilation.IsSymbolAccessibleWithin(getter, AccessWithin))
        {
            // Generated outside the type, the value is read through `value.Member`.
            Report(DiagnosticDescriptors.UnsupportedAttributeUsage, location,
                $"[JsonInclude] member '{symbol.ToDisplayString()}' has a getter that is not accessible outside '{_type.ToDisplayString()}'");
            return false;
        }

        if (IsExtensionDataMember(symbol))
        {
            if (_isPlain)
            {
                Report(DiagnosticDescriptors.UnsupportedAttributeUsage, location,
                    $"[JsonExtensionData] member '{symbol.ToDisplayString()}' of a type without [VelithonJson] is not compiled yet");
                return false;
            }

            CreateExtensionData(symbol, memberType, canGet, canSet, location);
            return false;
        }

        WriteCondition write = WriteCondition.Always;
        bool readIgnored = false;
        bool ownIgnoreCondition = false;
        AttributeData? numberHandlingAttribute = null;
        int? creation = null;
        foreach (AttributeData attribute in symbol.GetAttributes())
        {
            string name = attribute.AttributeClass?.ToDisplayString() ?? string.Empty;
            switch (name)
            {
                case SerializationNamespace + "JsonIgnoreAttribute":
                    int condition = 1;
                    foreach (var named in attribute.NamedArguments)
                    {
                        if (named.Key == "Condition" && named.Value.Value is int c)
                        {
                            condition = c;
                        }
                    }

                    // Any condition of the member's own (Never and WhenReading included) replaces DefaultIgnoreCondition.
                    ownIgnoreCondition = true;
                    switch (condition)
                    {
                        case 0: break;
                        case 1:
                            _ignoredNames.Add(JsonNameOf(symbol));
                            _ignoredMembers.Add(symbol);
                            return false;
                        case 2: write = WriteCondition.WhenNotDefault; break;
                        case 3: write = WriteCondition.WhenNotNull; break;
                        case 4: write = WriteCondition.Never; break;
                        case 5: readIgnored = true; break;
                        default:
                            Report(DiagnosticDescriptors.UnsupportedAttributeUsage, location,
                                $"[JsonIgnore(Condition = {condition})] on '{symbol.Name}' is not supported");
                            break;
                    }

                    break;
                case SerializationNamespace + "JsonPropertyOrderAttribute":
                    if (attribute.ConstructorArguments.Length == 1 && attribute.ConstructorArguments[0].Value is int o)
                    {
                        order = o;
                    }

                    break;
                case SerializationNamespace + "JsonNumberHandlingAttribute":
                    numberHandlingAttribute = attribute;
                    break;
                case SerializationNamespace + "JsonObjectCreationHandlingAttribute":
                    if (!CheckObjectCreationHandling(attribute, symbol, location, cancellationToken))
                    {
                        return false;
                    }

                    creation = (int)attribute.ConstructorArguments[0].Value!;
                    break;
            }
        }

        if (write == WriteCondition.WhenNotNull && memberType.IsValueType && !IsNullableValueType(memberType))
        {
            // System.Text.Json refuses the contract (InvalidOperationException on first use): so does the build.
            Report(DiagnosticDescriptors.UnsupportedAttributeUsage, location,
                $"The ignore condition 'JsonIgnoreCondition.WhenWritingNull' is not valid on value-type member '{symbol.Name}' on type '{_type.ToDisplayString()}'. Consider using 'JsonIgnoreCondition.WhenWritingDefault'.");
            return false;
        }

        if (write == WriteCondition.WhenNotNull && memberType is ITypeParameterSymbol { IsReferenceType: false } parameter)
        {
            // System.Text.Json refuses the same contract when the type is closed with a non-nullable value type; the
            // generated code is shared by every closing, so it cannot refuse only those: the build refuses it for all.
            Report(DiagnosticDescriptors.UnsupportedAttributeUsage, location,
                $"The ignore condition 'JsonIgnoreCondition.WhenWritingNull' on member '{symbol.Name}' of type parameter '{parameter.Name}' of '{_type.ToDisplayString()}' is refused: System.Text.Json rejects it whenever '{parameter.Name}' is a value type. Constrain '{parameter.Name}' to 'class', or use 'JsonIgnoreCondition.WhenWritingDefault'.");
            return false;
        }

        if (!ownIgnoreCondition)
        {
            // DefaultIgnoreCondition, as System.Text.Json applies it: WhenWritingNull only to types that can be null
            // (reference types and Nullable<T>; other value types are always written), WhenWritingDefault to every type.
            write = _options.DefaultIgnoreCondition switch
            {
                IgnoreCondition.WhenWritingNull when !memberType.IsValueType || IsNullableValueType(memberType) => WriteCondition.WhenNotNull,
                IgnoreCondition.WhenWritingDefault => WriteCondition.WhenNotDefault,
                _ => write,
            };
        }

        string jsonName = JsonNameOf(symbol);
        if (symbol is IPropertySymbol { IsOverride: true, OverriddenProperty: { } overridden }
            && FindAttribute(overridden, SerializationNamespace + "JsonIgnoreAttribute") is null
            && JsonNameOf(overridden) != jsonName)
        {
            // System.Text.Json then writes the value under both names; one name would be other bytes.
            Report(DiagnosticDescriptors.UnsupportedAttributeUsage, location,
                $"'{symbol.Name}' overrides '{overridden.ToDisplayString()}' under another JSON name ('{jsonName}', not '{JsonNameOf(overridden)}'): System.Text.Json writes both names, which [VelithonJson] does not support");
            return false;
        }

        AttributeData? internedAttribute = FindAttribute(symbol, VelithonMetadataNames.InternedAttribute);
        bool interned = internedAttribute is not null;
        string? internTable = null;
        if (interned && memberType.SpecialType != SpecialType.System_String)
        {
            Report(DiagnosticDescriptors.UnsupportedAttributeUsage, location,
                $"[Interned] on '{symbol.Name}' needs a string member, not '{memberType.ToDisplayString()}'");
            interned = false;
        }
        else if (internedAttribute is { ConstructorArguments.Length: 1 } && internedAttribute.ConstructorArguments[0].Value is INamedTypeSymbol table)
        {
            if (HasAttribute(table, VelithonMetadataNames.InternedStringsAttribute) && table.IsStatic && !table.IsGenericType)
            {
                internTable = table.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
            }
            else
            {
                Report(DiagnosticDescriptors.UnsupportedAttributeUsage, location,
                    $"[Interned(typeof({table.ToDisplayString()}))] on '{symbol.Name}' needs a static class marked [InternedStrings]; values go through the runtime interner only");
            }
        }

        // [JsonConverter] on the member wins over the type's (and, in System.Text.Json, over the options' converters).
        // A plain JsonStringEnumConverter on an enum member is compiled into the generated code; any other converter runs.
        AttributeData? memberConverter = FindConverterAttribute(symbol);
        _converterError = null;
        _plainError = null;
        _memberPlainTypes.Clear();
        TypeShape? shape;
        if (memberConverter is not null && !(IsStringEnumConverter(memberConverter) && IsEnumOrNullableEnum(memberType)))
        {
            shape = ConverterShape(memberType, memberConverter, DisplayName(symbol.ContainingType) + "." + symbol.Name);
        }
        else
        {
            _resolvingMember = true;
            shape = ResolveShape(memberType, memberConverter is not null);
            _resolvingMember = false;
        }

        if (shape is null)
        {
            if (_converterError is { } converterError)
            {
                Report(DiagnosticDescriptors.ConverterUnusable, location, converterError);
            }
            else if (_plainError is { } plainError)
            {
                Report(DiagnosticDescriptors.UnsupportedPlainMemberType, location, symbol.Name, memberType.ToDisplayString(), plainError);
            }
            else
            {
                Report(DiagnosticDescriptors.UnsupportedMemberType, location, symbol.Name, memberType.ToDisplayString());
            }

            return false;
        }

        if (_options.WriteIndented && ContainsDocument(shape))
        {
            Report(DiagnosticDescriptors.IndentedDocumentValue, location, symbol.Name, memberType.ToDisplayString());
            return false;
        }

        if (!ContainsConverter(shape) && !CheckNestedOptions(symbol, memberType, location, cancellationToken))
        {
            return false;
        }

        // Number handling: the member's [JsonNumberHandling], else the type's, else the options' (System.Text.Json's precedence).
        NumberHandling numberHandling = _typeNumberHandling ?? _options.NumberHandling;
        if ((numberHandling & (NumberHandling.WriteAsString | NumberHandling.AllowNamedFloatingPointLiterals)) != 0 && ContainsObjectValue(shape))
        {
            Report(DiagnosticDescriptors.ObjectWithNumberHandling, location, symbol.Name, JsonOptionsModel.Describe(numberHandling));
            return false;
        }

        if (numberHandlingAttribute is not null)
        {
            if (ReadNumberHandling(numberHandlingAttribute, symbol, cancellationToken) is not { } own)
            {
                return false;
            }

            if (!TakesNumberHandling(shape))
            {
                // System.Text.Json refuses the contract (InvalidOperationException on first use): so does the build.
                Report(DiagnosticDescriptors.UnsupportedAttributeUsage, location,
                    $"'JsonNumberHandlingAttribute' is only valid on a number or a collection of numbers when applied to a property or field. See member '{symbol.Name}' on type '{DisplayName(_type)}'.");
                return false;
            }

            numberHandling = own;
        }

        // IgnoreReadOnlyProperties / IgnoreReadOnlyFields, as System.Text.Json applies them: to a member that can be got
        // but not set (no setter, a non-public one without [JsonInclude], a readonly field), unless it has an ignore
        // condition of its own or is a collection or dictionary (those are always written). It is still read through a
        // constructor parameter.
        bool ignoreReadOnly = symbol is IPropertySymbol ? _options.IgnoreReadOnlyProperties : _options.IgnoreReadOnlyFields;
        if (ignoreReadOnly && canGet && !canSet && !ownIgnoreCondition && !IsCollection(shape))
        {
            write = WriteCondition.Never;
        }

        bool csharpRequired = symbol is IPropertySymbol { IsRequired: true } || symbol is IFieldSymbol { IsRequired: true };
        bool jsonRequired = HasAttribute(symbol, SerializationNamespace + "JsonRequiredAttribute");

        ReadKind read = ReadKind.None;
        if (csharpRequired)
        {
            read = ReadKind.Initializer;
        }
        else if (canSet && !readIgnored)
        {
            read = AssignKind(symbol);
        }

        if (!_isPlain)
        {
            foreach (INamedTypeSymbol plain in _memberPlainTypes)
            {
                // The code fix (Velithon.Analyzers.CodeFixes) finds the type by its metadata name.
                _diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.PlainTypeGenerated, location,
                    new[] { DiagnosticDescriptors.PlainTypeProperty, MetadataName(plain) },
                    symbol.Name, plain.ToDisplayString()));
            }
        }

        model = new MemberModel(
            Name: symbol.Name,
            JsonName: jsonName,
            Type: shape,
            Write: canGet ? write : WriteCondition.Never,
            Read: read,
            IsRequired: csharpRequired || jsonRequired,
            IsInterned: interned,
            InternTable: internTable,
            DeclaringTypeName: symbol.ContainingType.ToDisplayString(TypeNameFormat),
            DeclaringTypeIsValueType: symbol.ContainingType.IsValueType,
            NumberHandling: numberHandling,
            RefusesNullWhenWritten: _options.RespectNullableAnnotations && RefusesNull(symbol, whenWritten: true),
            RefusesNullWhenRead: _options.RespectNullableAnnotations && RefusesNull(symbol, whenWritten: false));
        _populateFacts[symbol.Name] = new PopulateFacts(creation, canGet, canSet, symbol is IPropertySymbol, readIgnored, memberType, AssignKind(symbol), location);
        return true;
    }

    private static bool IsCollection(TypeShape shape) => shape.Kind is ShapeKind.Array or ShapeKind.List or ShapeKind.ReadOnlyList
        or ShapeKind.IList or ShapeKind.ICollection or ShapeKind.IEnumerable or ShapeKind.ImmutableArray
        or ShapeKind.Dictionary or ShapeKind.ReadOnlyDictionary or ShapeKind.IDictionary or ShapeKind.Sequence or ShapeKind.Map;

    /// <summary>
    /// Where System.Text.Json accepts <c>[JsonNumberHandling]</c> on a member: a number, a <c>Nullable</c> of one, or a
    /// collection (or dictionary) whose elements (values) are such (one level: not a collection of collections).
    /// </summary>
    private static bool TakesNumberHandling(TypeShape shape)
    {
        static bool IsNumberOrNullable(TypeShape s) =>
            (s.Kind == ShapeKind.Primitive && IsNumber(s.Primitive))
            || (s.Kind == ShapeKind.Nullable && s.Element is { Kind: ShapeKind.Primitive } inner && IsNumber(inner.Primitive));

        return IsNumberOrNullable(shape) || (IsCollection(shape) && IsNumberOrNullable(shape.Element!));
    }

    private static bool IsNumber(PrimitiveKind kind) => kind is PrimitiveKind.Byte or PrimitiveKind.SByte or PrimitiveKind.Int16
        or PrimitiveKind.UInt16 or PrimitiveKind.Int32 or PrimitiveKind.UInt32 or PrimitiveKind.Int64 or PrimitiveKind.UInt64
        or PrimitiveKind.Single or PrimitiveKind.Double or PrimitiveKind.Decimal
        or PrimitiveKind.Half or PrimitiveKind.Int128 or PrimitiveKind.UInt128;

    /// <summary>The value of a <c>[JsonNumberHandling]</c>; an undefined one (whose constructor throws in System.Text.Json) is VLG109.</summary>
    private NumberHandling? ReadNumberHandling(AttributeData attribute, ISymbol target, CancellationToken cancellationToken)
    {
        if (attribute.ConstructorArguments.Length == 1 && attribute.ConstructorArguments[0].Value is int value)
        {
            if (value is >= 0 and <= 7)
            {
                return (NumberHandling)value;
            }

            LocationInfo? location = LocationInfo.From(attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken).GetLocation()) ?? LocationInfo.From(target);
            Report(DiagnosticDescriptors.InvalidSettingValue, location,
                $"[JsonNumberHandling((JsonNumberHandling){value.ToString(CultureInfo.InvariantCulture)})] on '{target.Name}' is not valid: expected a combination of JsonNumberHandling flags (System.Text.Json's attribute throws ArgumentOutOfRangeException)");
        }

        return null;
    }

    private ReadKind AssignKind(ISymbol symbol)
    {
        if (symbol is IPropertySymbol property)
        {
            IMethodSymbol? setter = property.SetMethod;
            if (setter is null)
            {
                return ReadKind.None;
            }

            return setter.IsInitOnly || !_compilation.IsSymbolAccessibleWithin(setter, AccessWithin) ? ReadKind.Accessor : ReadKind.Setter;
        }

        return symbol is IFieldSymbol { IsReadOnly: false } ? ReadKind.Setter : ReadKind.None;
    }

    private static bool IsEnumOrNullableEnum(ITypeSymbol type) =>
        (IsNullableValueType(type) ? ((INamedTypeSymbol)type).TypeArguments[0] : type).TypeKind == TypeKind.Enum;

    private static bool ContainsConverter(TypeShape shape) =>
        shape.Kind == ShapeKind.Converter || (shape.Element is { } element && ContainsConverter(element));

    // ---- custom converters ----

    /// <summary>
    /// The shape of a value that <c>[JsonConverter(typeof(X))]</c> converts, checked as System.Text.Json checks it when it
    /// builds the contract: X converts the type itself, or (a <c>Nullable&lt;T&gt;</c>) its underlying type, which then
    /// runs inside a nullable (null written and read without the converter). Null with <see cref="_converterError"/> set
    /// when System.Text.Json would refuse it (or generated code cannot create X).
    /// </summary>
    private TypeShape? ConverterShape(ITypeSymbol target, AttributeData attribute, string declaredOn)
    {
        string invalid = $"The converter specified on '{declaredOn}' does not derive from JsonConverter or have a public parameterless constructor.";
        if (attribute.AttributeClass?.ToDisplayString() != SerializationNamespace + "JsonConverterAttribute"
            || attribute.ConstructorArguments.Length != 1 || attribute.ConstructorArguments[0].Value is not INamedTypeSymbol converter)
        {
            _converterError = attribute.AttributeClass?.ToDisplayString() == SerializationNamespace + "JsonConverterAttribute"
                ? $"[JsonConverter] on '{declaredOn}' names no converter type"
                : $"'{attribute.AttributeClass?.ToDisplayString()}' on '{declaredOn}' derives from JsonConverterAttribute, which can create its converter itself: the generated code supports [JsonConverter(typeof(X))] only";
            return null;
        }

        bool isConverter = false;
        bool overridesHandleNull = false;
        ITypeSymbol? converts = null;
        string? stringEnum = null;
        for (INamedTypeSymbol? t = converter; t is not null; t = t.BaseType)
        {
            string definition = t.OriginalDefinition.ToDisplayString();
            if (definition == SerializationNamespace + "JsonConverter<T>")
            {
                isConverter = true;
                converts ??= t.TypeArguments[0];
                break;
            }

            if (definition == SerializationNamespace + "JsonConverterFactory")
            {
                isConverter = true;
                break;
            }

            if (definition == SerializationNamespace + "JsonStringEnumConverter<TEnum>")
            {
                stringEnum = "typed";
                converts = t.TypeArguments[0];
            }
            else if (definition == SerializationNamespace + "JsonStringEnumConverter")
            {
                stringEnum = "any";
            }

            if (t.GetMembers("HandleNull").OfType<IPropertySymbol>().Any(p => p.IsOverride))
            {
                overridesHandleNull = true;
            }
        }

        if (!isConverter || converter.IsAbstract || converter.IsUnboundGenericType || converter.TypeArguments.Any(a => a is ITypeParameterSymbol)
            || !converter.InstanceConstructors.Any(c => c.Parameters.Length == 0 && c.DeclaredAccessibility == Accessibility.Public))
        {
            _converterError = invalid;
            return null;
        }

        if (!_compilation.IsSymbolAccessibleWithin(converter, _type))
        {
            _converterError = $"The converter '{converter.ToDisplayString()}' specified on '{declaredOn}' is not accessible from the generated code of '{_type.ToDisplayString()}'";
            return null;
        }

        ITypeSymbol? underlying = IsNullableValueType(target) ? ((INamedTypeSymbol)target).TypeArguments[0] : null;
        string incompatible = $"The converter specified on '{declaredOn}' is not compatible with the type '{DisplayName(target)}'.";
        var model = new ConverterModel(converter.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat), declaredOn, overridesHandleNull);
        bool direct;
        if (converts is not null)
        {
            // JsonConverter<T> and JsonStringEnumConverter<TEnum>: CanConvert is typeToConvert == typeof(T).
            direct = SymbolEqualityComparer.Default.Equals(converts, target);
            if (!direct && !(underlying is not null && SymbolEqualityComparer.Default.Equals(converts, underlying)))
            {
                _converterError = incompatible;
                return null;
            }
        }
        else if (stringEnum == "any")
        {
            // JsonStringEnumConverter: CanConvert is typeToConvert.IsEnum (a Nullable<TEnum> is not).
            direct = target.TypeKind == TypeKind.Enum;
            if (!direct && underlying?.TypeKind != TypeKind.Enum)
            {
                _converterError = incompatible;
                return null;
            }
        }
        else
        {
            // A factory of the user's: its CanConvert runs when the value is first written or read.
            if (underlying is not null)
            {
                _converterError = $"The converter factory '{converter.ToDisplayString()}' specified on '{declaredOn}' is not supported on a Nullable<T> member: System.Text.Json asks its CanConvert at run time whether it converts '{DisplayName(target)}' or '{DisplayName(underlying)}'";
                return null;
            }

            direct = true;
        }

        if (direct)
        {
            return new TypeShape(ShapeKind.Converter, target.ToDisplayString(TypeNameFormat), DisplayName(target), target.IsValueType, PrimitiveKind.None, null, null, model);
        }

        var inner = new TypeShape(ShapeKind.Converter, underlying!.ToDisplayString(TypeNameFormat), DisplayName(underlying), true, PrimitiveKind.None, null, null, model);
        return new TypeShape(ShapeKind.Nullable, target.ToDisplayString(TypeNameFormat), DisplayName(target), true, PrimitiveKind.None, inner, null);
    }

    /// <summary>
    /// The <c>[JsonConverter]</c> of a type that System.Text.Json runs for it: not a plain <c>JsonStringEnumConverter</c>
    /// on an enum (compiled into the generated code), and not on an enum for which a converter of higher precedence
    /// applies (the member's own JsonStringEnumConverter, or the options' with <c>UseStringEnumConverter</c>).
    /// </summary>
    private AttributeData? TypeConverter(INamedTypeSymbol type, bool memberStringEnum)
    {
        AttributeData? attribute = FindConverterAttribute(type);
        if (attribute is null)
        {
            return null;
        }

        if (type.TypeKind == TypeKind.Enum && (memberStringEnum || _options.UseStringEnumConverter || IsStringEnumConverter(attribute)))
        {
            return null;
        }

        return attribute;
    }

    /// <summary>The member's JSON name: its <c>[JsonPropertyName]</c>, or its name converted by the naming policy.</summary>
    private string JsonNameOf(ISymbol symbol) =>
        FindAttribute(symbol, SerializationNamespace + "JsonPropertyNameAttribute") is { ConstructorArguments.Length: 1 } attribute
            && attribute.ConstructorArguments[0].Value is string customName
            ? customName
            : JsonNames.ConvertName(_options.PropertyNamingPolicy, symbol.Name);

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
                    Report(DiagnosticDescriptors.MixedOptions, location, member.Name, _type.ToDisplayString(), named.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToDisplayString(), difference);
                    return false;
                }

                return true;
            default:
                return true;
        }
    }

    /// <summary>
    /// Whether a <c>[VelithonJson]</c> type's generated code may write through a custom converter: one of its fields or
    /// properties (of it or its bases), or their types (elements, nullable, nested types, transitively) has a
    /// <c>[JsonConverter]</c> other than a plain <c>JsonStringEnumConverter</c>. An over-approximation: it only adds
    /// an exception filter.
    /// </summary>
    private static bool ReachesConverter(ITypeSymbol type, HashSet<ITypeSymbol> visited)
    {
        if (!visited.Add(type))
        {
            return false;
        }

        for (ITypeSymbol? t = type; t is not null && t.SpecialType is not SpecialType.System_Object and not SpecialType.System_ValueType; t = t.BaseType)
        {
            foreach (ISymbol member in t.GetMembers())
            {
                ITypeSymbol? memberType = member switch
                {
                    IPropertySymbol { IsStatic: false } p => p.Type,
                    IFieldSymbol { IsStatic: false } f => f.Type,
                    _ => null,
                };
                if (memberType is null)
                {
                    continue;
                }

                if (FindConverterAttribute(member) is { } attribute && !IsStringEnumConverter(attribute))
                {
                    return true;
                }

                if (TypeReachesConverter(memberType, visited))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool TypeReachesConverter(ITypeSymbol type, HashSet<ITypeSymbol> visited)
    {
        switch (type)
        {
            case IArrayTypeSymbol array:
                return TypeReachesConverter(array.ElementType, visited);
            case INamedTypeSymbol named:
                if (FindConverterAttribute(named) is { } attribute && !(named.TypeKind == TypeKind.Enum && IsStringEnumConverter(attribute)))
                {
                    return true;
                }

                if (named.IsGenericType && named.TypeArguments.Any(a => TypeReachesConverter(a, visited)))
                {
                    return true;
                }

                return IsJsonObject(named) && ReachesConverter(named, visited);
            default:
                return false;
        }
    }

    /// <summary>A <c>[JsonConverter]</c>, or an attribute derived from <c>JsonConverterAttribute</c> (which System.Text.Json also honours).</summary>
    private static AttributeData? FindConverterAttribute(ISymbol symbol)
    {
        foreach (AttributeData attribute in symbol.GetAttributes())
        {
            for (INamedTypeSymbol? t = attribute.AttributeClass; t is not null; t = t.BaseType)
            {
                if (t.ToDisplayString() == SerializationNamespace + "JsonConverterAttribute")
                {
                    return attribute;
                }
            }
        }

        return null;
    }

    private static bool IsStringEnumConverter(AttributeData converter)
    {
        if (converter.AttributeClass?.ToDisplayString() != SerializationNamespace + "JsonConverterAttribute")
        {
            return false;
        }

        if (converter.ConstructorArguments.Length != 1 || converter.ConstructorArguments[0].Value is not INamedTypeSymbol converterType)
        {
            return false;
        }

        string name = converterType.OriginalDefinition.ToDisplayString();
        return name is SerializationNamespace + "JsonStringEnumConverter" or SerializationNamespace + "JsonStringEnumConverter<TEnum>";
    }

    private void CheckDuplicateNames(List<(MemberModel Model, ISymbol Symbol)> members)
    {
        // System.Text.Json's property cache compares names as reading does: ignoring case only when PropertyNameCaseInsensitive.
        bool ignoreCase = _options.PropertyNameCaseInsensitive;
        var seen = new Dictionary<string, MemberModel>(ignoreCase ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal);
        foreach ((MemberModel model, ISymbol symbol) in members)
        {
            if (seen.TryGetValue(model.JsonName, out MemberModel? first))
            {
                Report(DiagnosticDescriptors.DuplicateJsonName, LocationInfo.From(symbol), first.Name, model.Name, _type.ToDisplayString(), model.JsonName,
                    ignoreCase ? "names are compared case-insensitively, as PropertyNameCaseInsensitive = true reads them" : "names are compared as written");
            }
            else
            {
                seen.Add(model.JsonName, model);
            }
        }
    }

    // ---- construction ----

    private IMethodSymbol? SelectConstructor(ref string? cannotRead)
    {
        IMethodSymbol[] constructors = _type.InstanceConstructors.ToArray();
        IMethodSymbol[] marked = constructors.Where(c => HasAttribute(c, SerializationNamespace + "JsonConstructorAttribute")).ToArray();
        if (marked.Length > 1)
        {
            Report(DiagnosticDescriptors.UnsupportedAttributeUsage, LocationInfo.From(marked[1]),
                $"Type '{_type.ToDisplayString()}' has more than one [JsonConstructor]");
            cannotRead = "more than one constructor has [JsonConstructor]";
            return null;
        }

        if (marked.Length == 1)
        {
            return marked[0];
        }

        if (_type.IsAbstract)
        {
            cannotRead = "the type is abstract";
            return null;
        }

        if (_type.IsValueType)
        {
            return constructors.FirstOrDefault(c => c.Parameters.Length == 0);
        }

        IMethodSymbol[] publicConstructors = constructors.Where(c => c.DeclaredAccessibility == Accessibility.Public).ToArray();
        IMethodSymbol? parameterless = publicConstructors.FirstOrDefault(c => c.Parameters.Length == 0);
        if (parameterless is not null)
        {
            return parameterless;
        }

        if (publicConstructors.Length == 1)
        {
            return publicConstructors[0];
        }

        cannotRead = publicConstructors.Length == 0
            ? "it has no public constructor and none marked [JsonConstructor]"
            : "it has several public constructors and none is parameterless or marked [JsonConstructor]";
        return null;
    }

    /// <param name="requireParameters">
    /// RespectRequiredConstructorParameters: a parameter without a default value makes its member required, as System.Text.Json
    /// marks it (a missing one is its "missing required properties" error, listed with the required members in member order).
    /// </param>
    /// <param name="respectNullable">RespectNullableAnnotations: a parameter that refuses null is checked when read.</param>
    private static void BindParameters(IMethodSymbol constructor, List<(MemberModel Model, ISymbol Symbol)> members, List<ISymbol> ignored, List<ParameterModel> parameters, bool requireParameters, bool respectNullable, ref string? cannotRead)
    {
        foreach (IParameterSymbol parameter in constructor.Parameters)
        {
            int index = -1;
            for (int i = 0; i < members.Count; i++)
            {
                if (Binds(members[i].Symbol, parameter))
                {
                    index = i;
                    break;
                }
            }

            if (index < 0 && ignored.Any(symbol => Binds(symbol, parameter)))
            {
                // Bound to a [JsonIgnore]d member: never read, so always its default (System.Text.Json's too).
                parameters.Add(new ParameterModel(parameter.Name, -1, parameter.HasExplicitDefaultValue ? DefaultLiteral(parameter) : "default(" + parameter.Type.ToDisplayString(TypeNameFormat) + ")"));
                continue;
            }

            if (index < 0)
            {
                cannotRead = $"constructor parameter '{parameter.Name}' does not bind to a serialized member of the same type";
                parameters.Clear();
                return;
            }

            MemberModel member = members[index].Model;
            if (member.Read != ReadKind.Initializer)
            {
                member = member with { Read = ReadKind.Constructor };
            }

            if (requireParameters && !parameter.HasExplicitDefaultValue)
            {
                member = member with { IsRequired = true };
            }

            members[index] = (member, members[index].Symbol);

            parameters.Add(new ParameterModel(parameter.Name, index, parameter.HasExplicitDefaultValue ? DefaultLiteral(parameter) : null, respectNullable && RefusesNull(parameter)));
        }
    }

    private static bool Binds(ISymbol member, IParameterSymbol parameter)
    {
        ITypeSymbol type = member is IPropertySymbol p ? p.Type : ((IFieldSymbol)member).Type;
        return string.Equals(member.Name, parameter.Name, StringComparison.OrdinalIgnoreCase)
            && SymbolEqualityComparer.Default.Equals(type, parameter.Type);
    }

    private static string DefaultLiteral(IParameterSymbol parameter)
    {
        object? value = parameter.ExplicitDefaultValue;
        string type = parameter.Type.ToDisplayString(TypeNameFormat);
        if (value is null)
        {
            return "default(" + type + ")";
        }

        if (parameter.Type.TypeKind == TypeKind.Enum
            || (parameter.Type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } n && n.TypeArguments[0].TypeKind == TypeKind.Enum))
        {
            return "(" + type + ")(" + SymbolDisplay.FormatPrimitive(value, quoteStrings: true, useHexadecimalNumbers: false) + ")";
        }

        string literal = value switch
        {
            string s => JsonNames.CSharpString(s),
            char ch => SymbolDisplay.FormatLiteral(ch, quote: true),
            bool b => b ? "true" : "false",
            float f => float.IsNaN(f) ? "float.NaN" : float.IsPositiveInfinity(f) ? "float.PositiveInfinity" : float.IsNegativeInfinity(f) ? "float.NegativeInfinity" : f.ToString("R", CultureInfo.InvariantCulture) + "F",
            double d => double.IsNaN(d) ? "double.NaN" : double.IsPositiveInfinity(d) ? "double.PositiveInfinity" : double.IsNegativeInfinity(d) ? "double.NegativeInfinity" : d.ToString("R", CultureInfo.InvariantCulture) + "D",
            decimal m => m.ToString(CultureInfo.InvariantCulture) + "M",
            _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "default",
        };
        return "(" + type + ")(" + literal + ")";
    }

    // ---- type shapes ----

    private TypeShape? ResolveShape(ITypeSymbol type, bool stringEnum)
    {
        string typeName = type.ToDisplayString(TypeNameFormat);
        string display = DisplayName(type);
        if (type is ITypeParameterSymbol parameter)
        {
            return TypeParameterShape(parameter, typeName);
        }

        if (BuiltInConverterShape(type, typeName, display) is { } builtIn)
        {
            return builtIn;
        }

        PrimitiveKind primitive = PrimitiveOf(type);
        if (primitive != PrimitiveKind.None)
        {
            return new TypeShape(ShapeKind.Primitive, typeName, display, type.IsValueType, primitive, null, null);
        }

        if (type is IArrayTypeSymbol array)
        {
            if (array.Rank != 1)
            {
                return null;
            }

            TypeShape? element = ResolveShape(array.ElementType, false);
            return element is null ? null : new TypeShape(ShapeKind.Array, typeName, display, false, PrimitiveKind.None, element, null);
        }

        if (type is not INamedTypeSymbol named)
        {
            return null;
        }

        if (TypeConverter(named, stringEnum) is { } typeConverter)
        {
            return ConverterShape(named, typeConverter, DisplayName(named));
        }

        if (named.TypeKind == TypeKind.Enum)
        {
            EnumModel model = ResolveEnum(named, stringEnum);
            return new TypeShape(ShapeKind.Enum, typeName, display, true, PrimitiveOf(named.EnumUnderlyingType!), null, model);
        }

        if (named.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T)
        {
            TypeShape? inner = ResolveShape(named.TypeArguments[0], stringEnum);
            return inner is null ? null : new TypeShape(ShapeKind.Nullable, typeName, display, true, PrimitiveKind.None, inner, null);
        }

        if (named.IsGenericType && !IsJsonObject(named))
        {
            string definition = named.OriginalDefinition.ToDisplayString();
            ShapeKind? kind = definition switch
            {
                "System.Collections.Generic.List<T>" => ShapeKind.List,
                "System.Collections.Generic.IReadOnlyList<T>" => ShapeKind.ReadOnlyList,
                "System.Collections.Generic.IList<T>" => ShapeKind.IList,
                "System.Collections.Generic.ICollection<T>" => ShapeKind.ICollection,
                "System.Collections.Generic.IEnumerable<T>" => ShapeKind.IEnumerable,
                "System.Collections.Immutable.ImmutableArray<T>" => ShapeKind.ImmutableArray,
                "System.Collections.Generic.Dictionary<TKey, TValue>" => ShapeKind.Dictionary,
                "System.Collections.Generic.IReadOnlyDictionary<TKey, TValue>" => ShapeKind.ReadOnlyDictionary,
                "System.Collections.Generic.IDictionary<TKey, TValue>" => ShapeKind.IDictionary,
                _ => null,
            };
            if (kind is null)
            {
                return ResolveCollection(named, typeName, display);
            }

            ITypeSymbol elementType = named.TypeArguments[named.TypeArguments.Length - 1];
            if (named.TypeArguments.Length == 2 && named.TypeArguments[0].SpecialType != SpecialType.System_String)
            {
                return ResolveCollection(named, typeName, display);
            }

            TypeShape? element = ResolveShape(elementType, false);
            return element is null ? null : new TypeShape(kind.Value, typeName, display, named.IsValueType, PrimitiveKind.None, element, null);
        }

        if (IsJsonObject(named))
        {
            bool reaches = !SymbolEqualityComparer.Default.Equals(named, _type) && ReachesConverter(named, new HashSet<ITypeSymbol>(SymbolEqualityComparer.Default));
            return new TypeShape(ShapeKind.Object, typeName, display, named.IsValueType, PrimitiveKind.None, null, null, null, reaches);
        }

        return PlainShape(named, typeName, display);
    }

    private static bool IsJsonObject(INamedTypeSymbol type)
    {
        if (HasAttribute(type, VelithonMetadataNames.VelithonJsonAttribute))
        {
            return true;
        }

        return type.AllInterfaces.Any(i =>
            i.OriginalDefinition.ToDisplayString() == "Velithon.IVelithonJson<TSelf>"
            && SymbolEqualityComparer.Default.Equals(i.TypeArguments[0], type));
    }

    private static PrimitiveKind PrimitiveOf(ITypeSymbol type)
    {
        switch (type.SpecialType)
        {
            case SpecialType.System_Boolean: return PrimitiveKind.Boolean;
            case SpecialType.System_Byte: return PrimitiveKind.Byte;
            case SpecialType.System_SByte: return PrimitiveKind.SByte;
            case SpecialType.System_Int16: return PrimitiveKind.Int16;
            case SpecialType.System_UInt16: return PrimitiveKind.UInt16;
            case SpecialType.System_Int32: return PrimitiveKind.Int32;
            case SpecialType.System_UInt32: return PrimitiveKind.UInt32;
            case SpecialType.System_Int64: return PrimitiveKind.Int64;
            case SpecialType.System_UInt64: return PrimitiveKind.UInt64;
            case SpecialType.System_Single: return PrimitiveKind.Single;
            case SpecialType.System_Double: return PrimitiveKind.Double;
            case SpecialType.System_Decimal: return PrimitiveKind.Decimal;
            case SpecialType.System_String: return PrimitiveKind.String;
            case SpecialType.System_Char: return PrimitiveKind.Char;
            case SpecialType.System_DateTime: return PrimitiveKind.DateTime;
        }

        if (type is IArrayTypeSymbol { Rank: 1, ElementType.SpecialType: SpecialType.System_Byte })
        {
            return PrimitiveKind.ByteArray;
        }

        return type.ToDisplayString() switch
        {
            "System.Guid" => PrimitiveKind.Guid,
            "System.DateTimeOffset" => PrimitiveKind.DateTimeOffset,
            "System.DateOnly" => PrimitiveKind.DateOnly,
            "System.TimeOnly" => PrimitiveKind.TimeOnly,
            "System.TimeSpan" => PrimitiveKind.TimeSpan,
            "System.Uri" or "System.Uri?" => PrimitiveKind.Uri,
            "System.Half" => PrimitiveKind.Half,
            "System.Int128" => PrimitiveKind.Int128,
            "System.UInt128" => PrimitiveKind.UInt128,
            _ => PrimitiveKind.None,
        };
    }

    private EnumModel ResolveEnum(INamedTypeSymbol type, bool memberAsString)
    {
        // UseStringEnumConverter: every enum, wherever it is (members, elements, values), as a global JsonStringEnumConverter.
        bool asString = memberAsString || _options.UseStringEnumConverter;
        foreach (AttributeData attribute in type.GetAttributes())
        {
            if (attribute.AttributeClass?.ToDisplayString() == SerializationNamespace + "JsonConverterAttribute" && IsStringEnumConverter(attribute))
            {
                asString = true;
            }
        }

        bool isFlags = HasAttribute(type, "System.FlagsAttribute");
        var members = new List<EnumMemberModel>();
        if (asString)
        {
            foreach (IFieldSymbol field in type.GetMembers().OfType<IFieldSymbol>())
            {
                if (!field.HasConstantValue)
                {
                    continue;
                }

                string jsonName = field.Name;
                bool renamed = false;
                AttributeData? custom = FindAttribute(field, SerializationNamespace + "JsonStringEnumMemberNameAttribute");
                if (custom is { ConstructorArguments.Length: 1 } && custom.ConstructorArguments[0].Value is string s)
                {
                    jsonName = s;
                    renamed = true;
                }

                members.Add(new EnumMemberModel(field.Name, jsonName, ToBits(field.ConstantValue!), renamed));
            }
        }

        string typeName = type.ToDisplayString(TypeNameFormat);
        string underlying = Emitter.Keyword(PrimitiveOf(type.EnumUnderlyingType!));
        return new EnumModel(typeName, DisplayName(type), JsonNames.Mangle(type.ToDisplayString()), underlying, asString, isFlags, members.ToEquatableArray());
    }

    private static ulong ToBits(object value) => value switch
    {
        sbyte v => unchecked((ulong)v),
        short v => unchecked((ulong)v),
        int v => unchecked((ulong)v),
        long v => unchecked((ulong)v),
        byte v => v,
        ushort v => v,
        uint v => v,
        ulong v => v,
        _ => 0,
    };

    // ---- helpers ----

    private static bool IsNullableValueType(ITypeSymbol type) =>
        type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T };

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
