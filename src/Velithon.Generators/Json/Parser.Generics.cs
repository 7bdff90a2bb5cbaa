using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Velithon.Generators.Common;

namespace Velithon.Generators.Json;

// Generic [VelithonJson] types: a member whose type is (or holds) a type parameter is written and read through
// JsonValueHandler<T>, whose handlers follow System.Text.Json's Web defaults; the closed types used as type arguments
// get their handlers registered by the generated code that sees them.
internal sealed partial class Parser
{
    /// <summary>A type nested in a generic type is refused (VLG106): its generated partial would have to repeat the outer type's parameters and constraints.</summary>
    private bool IsSupportedGenericShape(LocationInfo? location)
    {
        for (INamedTypeSymbol? t = _type.ContainingType; t is not null; t = t.ContainingType)
        {
            if (t.TypeParameters.Length > 0)
            {
                Report(JsonDiagnostics.GenericTypeUnsupported, location, _type.ToDisplayString(),
                    $"it is nested in generic type '{t.ToDisplayString()}'; declare it outside the generic type, or make the outer type non-generic");
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// The settings under which a type argument would be written differently than its handler writes it (number
    /// handling, enums as strings, dictionary key naming, indentation) are refused on a generic type (VLG106): the
    /// handlers write the Web defaults, one handler per closed type whatever type holds it.
    /// </summary>
    private bool HasSupportedGenericOptions(LocationInfo? location)
    {
        if (_type.TypeParameters.Length == 0)
        {
            return true;
        }

        string? reason = null;
        if (_options.NumberHandling != JsonOptionsModel.Web.NumberHandling)
        {
            reason = "NumberHandling other than the Web defaults' (JsonNumberHandling.AllowReadingFromString) would change how a numeric type argument is written or read";
        }
        else if (_options.UseStringEnumConverter)
        {
            reason = "UseStringEnumConverter would change how an enum type argument is written";
        }
        else if (_options.DictionaryKeyPolicy != NamingPolicy.Unspecified)
        {
            reason = "DictionaryKeyPolicy would change the keys of a dictionary type argument";
        }
        else if (_options.WriteIndented)
        {
            reason = "WriteIndented: type arguments are written without indentation";
        }
        else if (FindAttribute(_type, SerializationNamespace + "JsonNumberHandlingAttribute") is not null)
        {
            reason = "[JsonNumberHandling] on the type would change how a numeric type argument is written or read";
        }

        if (reason is null)
        {
            return true;
        }

        Report(JsonDiagnostics.GenericTypeUnsupported, location, _type.ToDisplayString(), reason);
        return false;
    }

    /// <summary>A type parameter: written and read through <c>JsonValueHandler&lt;T&gt;</c> (its closed type is known at run time only).</summary>
    private static TypeShape TypeParameterShape(ITypeParameterSymbol parameter, string typeName) =>
        new(ShapeKind.Handler, typeName, parameter.Name, parameter.IsValueType, PrimitiveKind.None, null, null);

    /// <summary>VLG107 for a generic <c>[VelithonJson]</c> member type (<c>Page&lt;Order&gt;</c>) compiled with other settings.</summary>
    private bool CheckNestedGenericOptions(ISymbol member, INamedTypeSymbol named, LocationInfo? location, CancellationToken cancellationToken)
    {
        if (SymbolEqualityComparer.Default.Equals(named.OriginalDefinition, _type.OriginalDefinition))
        {
            return true;
        }

        JsonOptionsModel theirs = HasAttribute(named, OptionsReader.AttributeName)
            ? OptionsReader.Read(named.OriginalDefinition, null, cancellationToken)
            : OptionsReader.HandWritten;
        if (_options.FirstDifference(theirs) is { } difference)
        {
            Report(JsonDiagnostics.MixedOptions, location, member.Name, _type.ToDisplayString(), named.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToDisplayString(), difference);
            return false;
        }

        return true;
    }

    /// <summary>
    /// The handler registrations the type's generated code runs before it writes or reads: for every type argument of
    /// every generic <c>[VelithonJson]</c> type among the members' types (element types, values and nullables included),
    /// the statements that give <c>JsonValueHandler&lt;X&gt;</c> a handler. Type arguments whose handlers cannot match
    /// System.Text.Json (a custom converter, an enum written as names, an unsupported type) are reported (VLG102/VLG103)
    /// and the member is left out.
    /// </summary>
    private bool CollectHandlerRegistrations(ISymbol member, ITypeSymbol type, List<string> registrations, LocationInfo? location)
    {
        switch (type)
        {
            case IArrayTypeSymbol array:
                return CollectHandlerRegistrations(member, array.ElementType, registrations, location);
            case INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullableType when nullableType.TypeArguments[0] is ITypeParameterSymbol parameter:
                // Written through the handler of Nullable<T>, registered per closed T (T : struct).
                string nullable = "global::Velithon.Json.JsonValueHandlers.Nullable<" + parameter.Name + ">();";
                if (!registrations.Contains(nullable))
                {
                    registrations.Add(nullable);
                }

                return true;
            case INamedTypeSymbol { IsGenericType: true } named:
                bool isJsonObject = IsJsonObject(named);
                foreach (ITypeSymbol argument in named.TypeArguments)
                {
                    if (isJsonObject && !AddHandler(member, argument, registrations, location))
                    {
                        return false;
                    }

                    if (!CollectHandlerRegistrations(member, argument, registrations, location))
                    {
                        return false;
                    }
                }

                return true;
            default:
                return true;
        }
    }

    // The statements registering a handler for one type argument (and, recursively, for what it holds).
    private bool AddHandler(ISymbol member, ITypeSymbol argument, List<string> registrations, LocationInfo? location)
    {
        const string Handlers = "global::Velithon.Json.JsonValueHandlers.";
        if (argument is ITypeParameterSymbol || PrimitiveOf(argument) != PrimitiveKind.None)
        {
            // Type parameters are registered where they are closed; primitives are built in.
            return true;
        }

        string name = argument.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToDisplayString(TypeNameFormat);
        TypeShape? shape = ResolveShape(argument, false);
        if (shape is null)
        {
            ReportNoHandler(member, argument, location);
            return false;
        }

        string? refused = shape.Converter is { BuiltIn: true } || shape.Element?.Converter is { BuiltIn: true }
                ? $"type argument '{argument.ToDisplayString()}' is converted by System.Text.Json's own converter for it: a type argument is written through its JSON handler, which does not run converters"
            : shape.Kind == ShapeKind.Converter || ContainsConverter(shape)
                ? $"type argument '{argument.ToDisplayString()}' has a [JsonConverter]: a type argument is written through its JSON handler, which does not run converters"
                : shape.Enum is { AsString: true } || (shape.Element?.Enum is { AsString: true })
                    ? $"enum type argument '{argument.ToDisplayString()}' is written as names: a type argument is written through its JSON handler, which writes enums as numbers (the Web defaults)"
                    : null;
        if (refused is not null)
        {
            Report(JsonDiagnostics.UnsupportedAttributeUsage, location, $"Member '{member.Name}' of '{_type.ToDisplayString()}': {refused}");
            return false;
        }

        string? statement;
        ITypeSymbol? inner = null;
        switch (shape.Kind)
        {
            case ShapeKind.Enum:
                {
                    string method = shape.Primitive.ToString();
                    // As a member of the enum type: a number only (no string, whatever the number handling), any value.
                    // Errors name the enum, or the type whose constructor argument it is (n), as System.Text.Json's do.
                    statement = "global::Velithon.Json.JsonValueHandler<" + name + ">.RegisterValue(static (ref global::Velithon.Json.VelithonJsonWriter w, " + name + " v) => w.WriteNumber((" + Emitter.Keyword(shape.Primitive) + ")v), "
                        + "static (ref global::System.Text.Json.Utf8JsonReader r, global::Velithon.VelithonJsonOptions o, string n) => { global::Velithon.Json.JsonRead.Expect(ref r, global::System.Text.Json.JsonTokenType.Number, n); "
                        + "return (" + name + ")global::Velithon.Json.JsonRead." + method + "(ref r, n); });";
                    break;
                }

            case ShapeKind.Nullable:
                inner = ((INamedTypeSymbol)argument).TypeArguments[0];
                statement = Handlers + "Nullable<" + inner.ToDisplayString(TypeNameFormat) + ">();";
                break;
            case ShapeKind.Object:
                // A struct read through setters names a Nullable<T> around it in a first-name error (JsonRead.FirstNameInNullable).
                statement = Handlers + (shape.IsValueType && !shape.ReadsThroughConstructor ? "JsonStructWithSetters<" : "JsonObject<") + name + ">();";
                break;
            case ShapeKind.Array:
                inner = ((IArrayTypeSymbol)argument).ElementType;
                statement = Handlers + "Array<" + inner.ToDisplayString(TypeNameFormat) + ">();";
                break;
            case ShapeKind.ImmutableArray:
                inner = ((INamedTypeSymbol)argument).TypeArguments[0];
                statement = Handlers + "ImmutableArray<" + inner.ToDisplayString(TypeNameFormat) + ">();";
                break;
            case ShapeKind.List or ShapeKind.IList or ShapeKind.ICollection or ShapeKind.ReadOnlyList or ShapeKind.IEnumerable:
                inner = ((INamedTypeSymbol)argument).TypeArguments[0];
                statement = Handlers + "List<" + inner.ToDisplayString(TypeNameFormat) + ">();";
                break;
            case ShapeKind.Dictionary or ShapeKind.ReadOnlyDictionary or ShapeKind.IDictionary:
                inner = ((INamedTypeSymbol)argument).TypeArguments[1];
                statement = Handlers + "Dictionary<" + inner.ToDisplayString(TypeNameFormat) + ">();";
                break;
            case ShapeKind.Sequence or ShapeKind.Map:
                return AddCollectionHandler(member, (INamedTypeSymbol)argument, shape, registrations, location);
            default:
                statement = null;
                break;
        }

        // What the argument holds first: a handler built from another one takes its contract from it.
        if (inner is not null && !AddHandler(member, inner, registrations, location))
        {
            return false;
        }

        if (statement is not null && !registrations.Contains(statement))
        {
            registrations.Add(statement);
        }

        return true;
    }

    /// <summary>Leaves out (reported) the members whose type arguments cannot have handlers; returns the registrations of the others.</summary>
    private List<string> CollectHandlers(List<(MemberModel Model, ISymbol Symbol)> members)
    {
        var registrations = new List<string>();
        members.RemoveAll(m =>
        {
            ITypeSymbol type = m.Symbol is IPropertySymbol p ? p.Type : ((IFieldSymbol)m.Symbol).Type;
            return !CollectHandlerRegistrations(m.Symbol, type, registrations, LocationInfo.From(m.Symbol));
        });
        return registrations;
    }

    /// <summary>
    /// The handler registrations for a closed generic <c>[VelithonJson]</c> type written anywhere in the compilation (a
    /// root: <c>VelithonJson.Deserialize&lt;ApiResponse&lt;Page&lt;Order&gt;&gt;&gt;</c>): the type itself (for the type
    /// registry and as a type argument), and the handlers of its type arguments. Empty for anything else, for a type
    /// a module initializer cannot name, or when a type argument cannot have a handler (writing it is then the loud
    /// error of a missing handler; as a member type it is reported).
    /// </summary>
    public static EquatableArray<string> ClosedGenericUse(ISymbol? symbol, Compilation compilation, CancellationToken cancellationToken)
    {
        if (symbol is not INamedTypeSymbol { IsGenericType: true } type
            || !HasAttribute(type.OriginalDefinition, OptionsReader.AttributeName)
            || !IsClosedAndModuleAccessible(type))
        {
            return EquatableArray<string>.Empty;
        }

        var parser = new Parser(compilation, type.OriginalDefinition);
        parser._options = OptionsReader.Read(type.OriginalDefinition, null, cancellationToken);
        var registrations = new List<string>();
        if (!parser.AddHandler(type, type, registrations, null) || !parser.CollectHandlerRegistrations(type, type, registrations, null))
        {
            return EquatableArray<string>.Empty;
        }

        registrations.Add("global::Velithon.Json.VelithonJsonTypeRegistry.Register<" + type.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToDisplayString(TypeNameFormat) + ">();");
        return registrations.ToEquatableArray();
    }

    private static bool IsClosedAndModuleAccessible(ITypeSymbol type) => type switch
    {
        ITypeParameterSymbol or IErrorTypeSymbol => false,
        IArrayTypeSymbol array => IsClosedAndModuleAccessible(array.ElementType),
        INamedTypeSymbol named => IsModuleAccessible(named) && named.TypeArguments.All(IsClosedAndModuleAccessible),
        _ => false,
    };

    /// <summary>The type's declaration name with its type parameters (<c>Page&lt;T&gt;</c>), as the generated partial declares it.</summary>
    private string DeclarationName() =>
        _type.TypeParameters.Length == 0 ? _type.Name : _type.Name + "<" + string.Join(", ", _type.TypeParameters.Select(p => p.Name)) + ">";

    /// <summary>The hint name part of the type (<c>Page{T}</c>: hint names take no angle brackets).</summary>
    private string HintTypeName() =>
        _type.TypeParameters.Length == 0 ? _type.Name : _type.Name + "{" + string.Join(",", _type.TypeParameters.Select(p => p.Name)) + "}";
}
