using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Velithon.Generators.Common;

namespace Velithon.Generators.Json;

// [JsonConverter] and options converters: one converter site per (converter, value type) the type reaches.
internal sealed partial class Emitter
{
    private void CollectConverters(TypeShape shape)
    {
        if (shape.Converter is { } converter)
        {
            string valueType = NonNullable(shape.TypeName);
            if (!_converters.Contains((converter, valueType)))
            {
                _converters.Add((converter, valueType));
            }
        }

        if (shape.Element is { } element)
        {
            CollectConverters(element);
        }
    }

    private string Site(TypeShape shape) =>
        Prefix + "Converter" + _converters.IndexOf((shape.Converter!, NonNullable(shape.TypeName))).ToString(CultureInfo.InvariantCulture);

    // A custom converter's write error, or an unlisted polymorphic runtime type's, records the C# member names on its way
    // out (System.Text.Json's write path): members with a converter, members of a polymorphic base that refuses unlisted
    // types, and members of [VelithonJson] types that may write through either.
    private static bool ReachesObject(TypeShape shape) =>
        shape.Kind is ShapeKind.Object or ShapeKind.Handler || (shape.Element is { } element && ReachesObject(element));

    // A Half too: a non-finite one fails to write with System.Text.Json's JsonException, which carries the write path;
    // and a type parameter, which may stand for a Half, a converter's type or such a base.
    private static bool MayFailWriting(TypeShape shape) =>
        shape.Kind is ShapeKind.Converter or ShapeKind.Handler || shape.MayFailWriting || (shape.Kind == ShapeKind.Primitive && shape.Primitive == PrimitiveKind.Half)
        || (shape.Element is { } element && MayFailWriting(element));

    // Each [JsonConverter] is created once, when first used (as System.Text.Json creates it with the contract): its
    // errors (a factory that cannot convert the type, ...) surface from that call, not from a type initializer.
    private void EmitConverterSites()
    {
        const string SiteType = "global::Velithon.Json.JsonConverterSite";
        if (_converters.Count > 0)
        {
            // Racing first uses wait for one creation (a constructor or factory runs once, as documented).
            _w.Line();
            _w.Line("private static object? " + Prefix + "converterGate;");
        }

        for (int i = 0; i < _converters.Count; i++)
        {
            (ConverterModel converter, string valueType) = _converters[i];
            string index = i.ToString(CultureInfo.InvariantCulture);
            string site = SiteType + "<" + valueType + ">";
            _w.Line();
            _w.Line("private static " + site + "? " + Prefix + "converter" + index + ";");
            _w.Line();
            _w.Line(converter.BuiltIn
                ? converter.TypeName.StartsWith("global::Velithon.", StringComparison.Ordinal)
                    ? "// " + converter.DeclaredOn + ": read as System.Text.Json reads it, written by its converter of the runtime type."
                    : "// System.Text.Json's own converter for " + converter.DeclaredOn + "."
                : "// [JsonConverter(typeof(" + converter.TypeName.Replace("global::", string.Empty) + "))] on " + converter.DeclaredOn + ".");
            _w.Line("private static " + site + " " + Prefix + "Converter" + index + " =>");
            string instance = converter.BuiltIn ? converter.TypeName : "new " + converter.TypeName + "()";
            _w.Indented(() => _w.Line(Prefix + "converter" + index + " ?? global::System.Threading.LazyInitializer.EnsureInitialized(ref "
                + Prefix + "converter" + index + ", ref " + Prefix + "converterGate, static () => " + SiteType + ".Create<" + valueType + ">(" + instance + ", "
                + JsonNames.CSharpString(converter.DeclaredOn) + ", " + (converter.OverridesHandleNull ? "true" : "false")
                + ", global::Velithon.Json.VelithonJsonContract.Of<" + (_model.ContractTypeName ?? _model.TypeName) + ">()));"));
        }
    }

    // ---- writing ----
}
