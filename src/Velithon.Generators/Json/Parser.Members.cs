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

// The members: which fields and properties take part, with their JSON names, conditions, number handling and read kind.
internal sealed partial class Parser
{
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
                Report(JsonDiagnostics.InvalidSettingValue,
                    LocationInfo.From(attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken).GetLocation()) ?? location,
                    $"[JsonObjectCreationHandling((JsonObjectCreationHandling){value.ToString(CultureInfo.InvariantCulture)})] on '{symbol.Name}' is not valid: expected JsonObjectCreationHandling.Replace or JsonObjectCreationHandling.Populate (System.Text.Json's attribute throws ArgumentOutOfRangeException)");
                return false;
        }
    }

    private void CollectMembers(List<(MemberModel Model, ISymbol Symbol)> members, CancellationToken cancellationToken)
    {
        var seenNames = new Dictionary<string, ISymbol>(StringComparer.Ordinal);
        var ordered = new List<(MemberModel Model, ISymbol Symbol, int Order, int Index)>();

        // Most-derived type first, then its bases (for an interface, the interfaces it inherits): the order System.Text.Json's reflection resolver produces.
        foreach (INamedTypeSymbol t in MemberHierarchy())
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
                if (seenNames.TryGetValue(symbol.Name, out ISymbol? hiding))
                {
                    CheckHiddenMember(symbol, hiding);
                    continue;
                }

                seenNames.Add(symbol.Name, symbol);

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

    /// <summary>
    /// A base member hidden by a derived one of the same C# name (`new`, a private redeclaration, a field) is dropped
    /// here, while System.Text.Json resolves hiding by JSON name: it still writes and reads the base member when the
    /// hiding one is not serialized ([JsonIgnore]d, not public) or has another JSON name. The generated code reaches
    /// members by name, which would bind to the hiding one, so that is refused (VLG103) rather than written differently.
    /// </summary>
    private void CheckHiddenMember(ISymbol hidden, ISymbol hiding)
    {
        if (OverridesAlongChain(hiding, hidden) || !StjConsiders(hidden) || IsAlwaysIgnored(hidden))
        {
            return;
        }

        string hiddenName = JsonNameOf(hidden);
        string reason;
        if (!StjConsiders(hiding))
        {
            reason = "is not serialized";
        }
        else if (IsAlwaysIgnored(hiding))
        {
            reason = "is [JsonIgnore]d";
        }
        else if (JsonNameOf(hiding) != hiddenName)
        {
            reason = $"has another JSON name ('{JsonNameOf(hiding)}')";
        }
        else
        {
            return;
        }

        Report(JsonDiagnostics.UnsupportedAttributeUsage, LocationInfo.From(hiding) ?? LocationInfo.From(_type),
            $"'{hiding.Name}' hides '{hidden.ToDisplayString()}' and {reason}: System.Text.Json then writes and reads the hidden member too (as '{hiddenName}'), which [VelithonJson] does not support; rename one of them, or [JsonIgnore] the hidden one");
    }

    private static int? LoneSurrogateIndex(string text)
    {
        for (int i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return i;
            }
        }

        return null;
    }

    private static bool IsObsoleteAsError(ISymbol symbol) =>
        FindAttribute(symbol, "System.ObsoleteAttribute") is { ConstructorArguments: { Length: 2 } arguments } && arguments[1].Value is true;

    private static bool OverridesAlongChain(ISymbol derived, ISymbol member)
    {
        for (IPropertySymbol? p = derived as IPropertySymbol; p is { IsOverride: true }; p = p.OverriddenProperty)
        {
            if (p.OverriddenProperty is { } overridden && SymbolEqualityComparer.Default.Equals(overridden.OriginalDefinition, member.OriginalDefinition))
            {
                return true;
            }
        }

        return false;
    }

    // The members System.Text.Json's reflection resolver takes from a type (public accessors, [JsonInclude], public
    // fields under IncludeFields), before ignore conditions.
    private bool StjConsiders(ISymbol symbol) => symbol switch
    {
        IPropertySymbol { IsIndexer: false } property =>
            HasAttribute(property, SerializationNamespace + "JsonIncludeAttribute")
            || (property.DeclaredAccessibility == Accessibility.Public
                && (property.GetMethod is { DeclaredAccessibility: Accessibility.Public } || property.SetMethod is { DeclaredAccessibility: Accessibility.Public })),
        IFieldSymbol { AssociatedSymbol: null, IsConst: false, IsStatic: false } field =>
            HasAttribute(field, SerializationNamespace + "JsonIncludeAttribute") || (_options.IncludeFields && field.DeclaredAccessibility == Accessibility.Public),
        _ => false,
    };

    private static bool IsAlwaysIgnored(ISymbol symbol) =>
        FindAttribute(symbol, SerializationNamespace + "JsonIgnoreAttribute") is { } ignore && IgnoreConditionOf(ignore) == 1;

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
            Report(JsonDiagnostics.UnsupportedAttributeUsage, location,
                $"[JsonInclude] member '{symbol.ToDisplayString()}' is not accessible from '{_type.ToDisplayString()}'");
            return false;
        }

        if (_isPlain && canGet && symbol is IPropertySymbol { GetMethod: { } getter } && !_compilation.IsSymbolAccessibleWithin(getter, AccessWithin))
        {
            // Generated outside the type, the value is read through `value.Member`.
            Report(JsonDiagnostics.UnsupportedAttributeUsage, location,
                $"[JsonInclude] member '{symbol.ToDisplayString()}' has a getter that is not accessible outside '{_type.ToDisplayString()}'");
            return false;
        }

        if (IsExtensionDataMember(symbol))
        {
            if (_isPlain)
            {
                Report(JsonDiagnostics.UnsupportedAttributeUsage, location,
                    $"[JsonExtensionData] member '{symbol.ToDisplayString()}' of a type without [VelithonJson] is not compiled yet");
                return false;
            }

            CreateExtensionData(symbol, memberType, canGet, canSet, location);
            return false;
        }

        if (HasAttribute(symbol, SerializationNamespace + "JsonRequiredAttribute")
            && (!canSet || FindAttribute(symbol, SerializationNamespace + "JsonIgnoreAttribute") is { } requiredIgnore && IgnoreConditionOf(requiredIgnore) is 1 or 5))
        {
            // System.Text.Json refuses the contract (InvalidOperationException on first use, writing included), also when
            // a constructor parameter or Populate would fill the member: so does the build.
            Report(JsonDiagnostics.UnsupportedAttributeUsage, location,
                $"JsonPropertyInfo '{JsonNameOf(symbol)}' defined in type '{DisplayName(symbol.ContainingType)}' is marked required but does not specify a setter.");
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
                            Report(JsonDiagnostics.UnsupportedAttributeUsage, location,
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

        if (IsObsoleteAsError(symbol))
        {
            // CS0619 cannot be suppressed in the generated code, as CS0612/CS0618 are.
            Report(JsonDiagnostics.UnsupportedAttributeUsage, location,
                $"'{symbol.Name}' is [Obsolete] as an error, which the generated code cannot use (CS0619); [JsonIgnore] it, or make its [Obsolete] a warning");
            return false;
        }

        if (write == WriteCondition.WhenNotNull && memberType.IsValueType && !IsNullableValueType(memberType))
        {
            // System.Text.Json refuses the contract (InvalidOperationException on first use): so does the build.
            Report(JsonDiagnostics.UnsupportedAttributeUsage, location,
                $"The ignore condition 'JsonIgnoreCondition.WhenWritingNull' is not valid on value-type member '{symbol.Name}' on type '{_type.ToDisplayString()}'. Consider using 'JsonIgnoreCondition.WhenWritingDefault'.");
            return false;
        }

        if (write == WriteCondition.WhenNotNull && memberType is ITypeParameterSymbol { IsReferenceType: false } parameter)
        {
            // System.Text.Json refuses the same contract when the type is closed with a non-nullable value type; the
            // generated code is shared by every closing, so it cannot refuse only those: the build refuses it for all.
            Report(JsonDiagnostics.UnsupportedAttributeUsage, location,
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
            Report(JsonDiagnostics.UnsupportedAttributeUsage, location,
                $"'{symbol.Name}' overrides '{overridden.ToDisplayString()}' under another JSON name ('{jsonName}', not '{JsonNameOf(overridden)}'): System.Text.Json writes both names, which [VelithonJson] does not support");
            return false;
        }

        if (LoneSurrogateIndex(jsonName) is int surrogate)
        {
            // No UTF-8 form: the name's u8 literal would fail to compile (CS9026, at emit only), and System.Text.Json
            // writes it as U+FFFD and cannot read it back.
            Report(JsonDiagnostics.UnsupportedAttributeUsage, location,
                $"The JSON name of '{symbol.Name}' contains a lone surrogate (U+{(int)jsonName[surrogate]:X4} at index {surrogate}), which has no UTF-8 form; System.Text.Json writes it as U+FFFD and cannot read it back");
            return false;
        }

        AttributeData? internedAttribute = FindAttribute(symbol, VelithonMetadataNames.InternedAttribute);
        bool interned = internedAttribute is not null;
        string? internTable = null;
        if (interned && memberType.SpecialType != SpecialType.System_String)
        {
            Report(JsonDiagnostics.UnsupportedAttributeUsage, location,
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
                Report(JsonDiagnostics.UnsupportedAttributeUsage, location,
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
                Report(JsonDiagnostics.ConverterUnusable, location, converterError);
            }
            else if (_plainError is { } plainError)
            {
                Report(JsonDiagnostics.UnsupportedPlainMemberType, location, symbol.Name, memberType.ToDisplayString(), plainError);
            }
            else
            {
                Report(JsonDiagnostics.UnsupportedMemberType, location, symbol.Name, memberType.ToDisplayString());
            }

            return false;
        }

        if (_options.WriteIndented && ContainsDocument(shape))
        {
            Report(JsonDiagnostics.IndentedDocumentValue, location, symbol.Name, memberType.ToDisplayString());
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
            Report(JsonDiagnostics.ObjectWithNumberHandling, location, symbol.Name, JsonOptionsModel.Describe(numberHandling));
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
                Report(JsonDiagnostics.UnsupportedAttributeUsage, location,
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
                _diagnostics.Add(DiagnosticInfo.Create(JsonDiagnostics.PlainTypeGenerated, location,
                    new[] { JsonDiagnostics.PlainTypeProperty, MetadataName(plain) },
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
            Report(JsonDiagnostics.InvalidSettingValue, location,
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

    /// <summary>The member's JSON name: its <c>[JsonPropertyName]</c>, or its name converted by the naming policy.</summary>
    private string JsonNameOf(ISymbol symbol) =>
        FindAttribute(symbol, SerializationNamespace + "JsonPropertyNameAttribute") is { ConstructorArguments.Length: 1 } attribute
            && attribute.ConstructorArguments[0].Value is string customName
            ? customName
            : JsonNames.ConvertName(_options.PropertyNamingPolicy, symbol.Name);

    private void CheckDuplicateNames(List<(MemberModel Model, ISymbol Symbol)> members)
    {
        // System.Text.Json's property cache compares names as reading does: ignoring case only when PropertyNameCaseInsensitive.
        bool ignoreCase = _options.PropertyNameCaseInsensitive;
        var seen = new Dictionary<string, MemberModel>(ignoreCase ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal);
        foreach ((MemberModel model, ISymbol symbol) in members)
        {
            if (seen.TryGetValue(model.JsonName, out MemberModel? first))
            {
                Report(JsonDiagnostics.DuplicateJsonName, LocationInfo.From(symbol), first.Name, model.Name, _type.ToDisplayString(), model.JsonName,
                    ignoreCase ? "names are compared case-insensitively, as PropertyNameCaseInsensitive = true reads them" : "names are compared as written");
            }
            else
            {
                seen.Add(model.JsonName, model);
            }
        }
    }

    // ---- construction ----
}
