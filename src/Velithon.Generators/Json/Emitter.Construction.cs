using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Velithon.Generators.Common;

namespace Velithon.Generators.Json;

// Building the value once its members are read (shared by ReadJson and TryReadJsonFast): required and null
// checks, constructor parameters, then the settable members.
internal sealed partial class Emitter
{
    private List<int> ReadableMembers()
    {
        var list = new List<int>();
        for (int i = 0; i < _model.Members.Count; i++)
        {
            if (_model.Members[i].Read != ReadKind.None || _model.Members[i].Populate)
            {
                list.Add(i);
            }
        }

        return list;
    }

    /// <summary>Whether presence of the member matters: required, optional setters, or a parameter default.</summary>
    private bool NeedsHas(int index)
    {
        MemberModel member = _model.Members[index];
        if (Populating)
        {
            // Set as read: presence matters for the required check only.
            return member.IsRequired;
        }

        return member.IsRequired
            || member.Read is ReadKind.Setter or ReadKind.Accessor
            || _model.ConstructorParameters.Any(p => p.MemberIndex == index && p.DefaultValue is not null);
    }

    /// <summary>
    /// RespectNullableAnnotations: the error for a null read into member <paramref name="index"/> (as a constructor
    /// argument when it is bound to one, as System.Text.Json reads it), or null when null is allowed.
    /// </summary>
    private string? NullCheck(int index)
    {
        foreach (ParameterModel parameter in _model.ConstructorParameters)
        {
            if (parameter.MemberIndex == index)
            {
                return parameter.RefusesNull
                    ? Read + ".NullParameter(" + JsonNames.CSharpString(parameter.Name) + ", " + DisplayNameExpression() + ")"
                    : null;
            }
        }

        MemberModel member = _model.Members[index];
        return member.RefusesNullWhenRead
            ? Read + ".NullMember(" + JsonNames.CSharpString(member.JsonName) + ", " + DisplayNameExpression() + ")"
            : null;
    }

    /// <summary>
    /// Whether System.Text.Json reads member <paramref name="index"/> after the constructor (a member not bound to a
    /// parameter of a constructor with parameters): an error in its value is kept and thrown after the value is built
    /// (see <c>JsonRead.DefersMemberError</c>).
    /// </summary>
    private bool DefersMember(int index) =>
        _model.ConstructorParameters.Count != 0
        && !Populating
        && !_model.ConstructorParameters.Any(p => p.MemberIndex == index);

    /// <summary>Whether ReadJson keeps an error for the object's end (<c>__deferred</c>): a deferred member or null check.</summary>
    private bool KeepsMemberErrors(List<int> readable) => readable.Any(i => DefersMember(i) || DefersNullCheck(i));

    /// <summary>Throws the error kept for the object's end, once the value is built.</summary>
    private void EmitThrowDeferred(bool keepsErrors)
    {
        if (!keepsErrors)
        {
            return;
        }

        _w.Line();
        _w.OpenBlock("if (__deferred is not null)");
        _w.Line(Read + ".ThrowDeferred(__deferred);");
        _w.CloseBrace();
    }

    /// <summary>Whether member <paramref name="index"/> refuses null and is set after a constructor with parameters (checked at the object's end).</summary>
    private bool DefersNullCheck(int index) =>
        _model.ConstructorParameters.Count != 0
        && _model.Members[index].RefusesNullWhenRead
        && !_model.ConstructorParameters.Any(p => p.MemberIndex == index);

    // A member checked at the object's end was tested for null where it was read: not null here (the flow analysis cannot tell).
    // In the shared construction method the locals are parameters, whose null-state the read path's checks do not
    // reach: every member that refuses null was checked where it was read.
    private string NullForgiving(int index) =>
        DefersNullCheck(index) || (_buildingShared && _model.Members[index].RefusesNullWhenRead) ? "!" : string.Empty;

    private static string Local(int index) => "__m" + index.ToString(CultureInfo.InvariantCulture);

    private static string Has(int index) => "__has" + index.ToString(CultureInfo.InvariantCulture);

    private void EmitRequiredCheck(List<int> readable)
    {
        int[] required = readable.Where(i => _model.Members[i].IsRequired).ToArray();
        if (required.Length == 0)
        {
            return;
        }

        _w.Line();
        _w.OpenBlock("if (" + string.Join(" | ", required.Select(i => "!" + Has(i))) + ")");
        _w.Line("var __missing = new global::System.Collections.Generic.List<string>();");
        foreach (int i in required)
        {
            _w.OpenBlock("if (!" + Has(i) + ")");
            _w.Line("__missing.Add(" + JsonNames.CSharpString("'" + _model.Members[i].JsonName + "'") + ");");
            _w.CloseBrace();
        }

        _w.Line();
        _w.Line("throw " + Read + ".MissingRequired(" + DisplayNameExpression() + ", string.Join(\", \", __missing));");
        _w.CloseBrace();
    }

    /// <summary>
    /// Whether both read paths build the value (the fast path gives types with extension data, discriminators or
    /// populated members to ReadJson): then the building is emitted once, as <c>__VelithonJson_Construct</c>, and both
    /// call it; otherwise ReadJson builds it inline.
    /// </summary>
    private bool SharesConstruction =>
        _model.CannotReadReason is null
        && !Populating
        && !ReadsExtensionData
        && _model.Polymorphism is not { UsesDiscriminators: true };

    /// <summary>The end of a read path: builds the value from the member locals and returns it.</summary>
    /// <param name="keepsErrors">Whether ReadJson kept an error for the object's end: thrown after the constructor, as STJ does.</param>
    private void EmitConstruction(List<int> readable, bool fast, bool keepsErrors = false)
    {
        if (SharesConstruction)
        {
            string call = Prefix + "Construct(" + string.Join(", ", ConstructionParameters(readable).Select(p => p.Argument)) + ")";
            _w.Line();
            if (fast)
            {
                _w.Line("value = " + call + ";");
                _w.Line("return true;");
            }
            else if (keepsErrors)
            {
                _w.Line("var __result = " + call + ";");
                EmitThrowDeferred(keepsErrors);
                _w.Line();
                _w.Line("return __result;");
            }
            else
            {
                _w.Line("return " + call + ";");
            }

            return;
        }

        _w.Line();
        EmitBuild(readable);
        EmitThrowDeferred(keepsErrors);
        ApplyExtensionData();
        _w.Line();
        _w.Line("return __result;");
    }

    /// <summary>The method both read paths call to build the value (see <see cref="SharesConstruction"/>).</summary>
    private void EmitSharedConstruction()
    {
        if (!SharesConstruction)
        {
            return;
        }

        List<int> readable = ReadableMembers();
        _w.Line();
        _w.Line("[global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]");
        _w.OpenBlock("private static " + _model.TypeName + " " + Prefix + "Construct(" + string.Join(", ", ConstructionParameters(readable).Select(p => p.Type + " " + p.Name)) + ")");
        _buildingShared = true;
        EmitBuild(readable);
        _buildingShared = false;
        _w.Line();
        _w.Line("return __result;");
        _w.CloseBrace();
    }

    // A member whose null check is deferred to the object's end was checked there: passed with '!'.
    private IEnumerable<(string Type, string Name, string Argument)> ConstructionParameters(List<int> readable)
    {
        foreach (int i in readable)
        {
            yield return (_model.Members[i].Type.TypeName, Local(i), Local(i) + NullForgiving(i));
            if (NeedsHas(i))
            {
                yield return ("bool", Has(i), Has(i));
            }
        }
    }

    private void EmitBuild(List<int> readable)
    {
        var arguments = new List<string>();
        foreach (ParameterModel parameter in _model.ConstructorParameters)
        {
            if (parameter.MemberIndex < 0)
            {
                arguments.Add(parameter.DefaultValue!);
                continue;
            }

            string local = Local(parameter.MemberIndex) + (_buildingShared && parameter.RefusesNull ? "!" : string.Empty);
            arguments.Add(parameter.DefaultValue is null
                ? local
                : Has(parameter.MemberIndex) + " ? " + local + " : " + parameter.DefaultValue);
        }

        int[] initializers = readable.Where(i => _model.Members[i].Read == ReadKind.Initializer).ToArray();
        string creation = "var __result = new " + _model.TypeName + "(" + string.Join(", ", arguments) + ")";
        if (initializers.Length == 0)
        {
            _w.Line(creation + ";");
        }
        else
        {
            _w.Line(creation);
            _w.OpenBrace();
            foreach (int i in initializers)
            {
                _w.Line(JsonNames.Identifier(_model.Members[i].Name) + " = " + Local(i) + NullForgiving(i) + ",");
            }

            _w.CloseBrace(";");
        }

        foreach (int i in readable)
        {
            MemberModel member = _model.Members[i];
            if (member.Read is ReadKind.Setter or ReadKind.Accessor)
            {
                _w.Line();
                _w.OpenBlock("if (" + Has(i) + ")");
                if (member.Read == ReadKind.Setter)
                {
                    _w.Line("__result." + JsonNames.Identifier(member.Name) + " = " + Local(i) + NullForgiving(i) + ";");
                }
                else
                {
                    string target = member.DeclaringTypeIsValueType ? "ref __result" : "__result";
                    _w.Line(Prefix + "Set_" + member.Name + "(" + target + ", " + Local(i) + NullForgiving(i) + ");");
                }

                _w.CloseBrace();
            }
        }
    }
}
