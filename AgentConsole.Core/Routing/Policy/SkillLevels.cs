using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace AgentConsole.Core.Routing.Policy;

/// <summary>
/// An agent's proficiency (0 = none, 1..5) in every <see cref="Skill"/>, packed into one
/// 64-bit value so that a look-up in the routing hot loop is a shift and a mask. Immutable, so a
/// snapshot made with <c>with</c> can never hold stale proficiencies. Serialises as an object
/// such as <c>{"Billing":5,"Retention":4}</c>.
/// </summary>
[JsonConverter(typeof(SkillLevelsJsonConverter))]
public readonly struct SkillLevels : IEquatable<SkillLevels>
{
    private const int BitsPerSkill = 4;
    private const int MaxSkills = 64 / BitsPerSkill;
    private readonly ulong _packed;

    private SkillLevels(ulong packed) => _packed = packed;

    /// <summary>No skills at all.</summary>
    public static SkillLevels None => default;

    /// <summary>The proficiency in <paramref name="skill"/>, or 0 without it.</summary>
    public int this[Skill skill] => (uint)skill < MaxSkills ? (int)((_packed >> ((int)skill * BitsPerSkill)) & 0xF) : 0;

    /// <summary>Whether the agent has <paramref name="skill"/> at proficiency 1 or more.</summary>
    public bool Has(Skill skill) => this[skill] >= AgentSkill.MinProficiency;

    /// <summary>A copy with <paramref name="skill"/> set to <paramref name="proficiency"/> (0 removes it).</summary>
    public SkillLevels With(Skill skill, int proficiency)
    {
        if ((uint)skill >= MaxSkills) throw new ArgumentOutOfRangeException(nameof(skill), skill, "Unknown skill.");
        ArgumentOutOfRangeException.ThrowIfNegative(proficiency);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(proficiency, AgentSkill.MaxProficiency);
        var shift = (int)skill * BitsPerSkill;
        return new SkillLevels((_packed & ~(0xFUL << shift)) | ((ulong)proficiency << shift));
    }

    /// <summary>Skill levels from pairs, such as <c>SkillLevels.Of((Skill.Billing, 5), (Skill.Retention, 4))</c>.</summary>
    public static SkillLevels Of(params ReadOnlySpan<(Skill Skill, int Proficiency)> levels)
    {
        var result = None;
        foreach (var (skill, proficiency) in levels) result = result.With(skill, proficiency);
        return result;
    }

    /// <summary>Skill levels from an agent's stored skills.</summary>
    public static SkillLevels From(IEnumerable<AgentSkill> skills)
    {
        ArgumentNullException.ThrowIfNull(skills);
        var result = None;
        foreach (var skill in skills) result = result.With(skill.Skill, skill.Proficiency);
        return result;
    }

    /// <summary>Skill levels from a map of skill to proficiency.</summary>
    public static SkillLevels From(IEnumerable<KeyValuePair<Skill, int>> skills)
    {
        ArgumentNullException.ThrowIfNull(skills);
        var result = None;
        foreach (var (skill, proficiency) in skills) result = result.With(skill, proficiency);
        return result;
    }

    /// <summary>The skills held (proficiency 1 or more), in enum order.</summary>
    public IReadOnlyDictionary<Skill, int> ToDictionary()
    {
        var map = new Dictionary<Skill, int>();
        foreach (var skill in Enum.GetValues<Skill>())
            if (this[skill] > 0) map[skill] = this[skill];
        return map;
    }

    /// <inheritdoc/>
    public bool Equals(SkillLevels other) => _packed == other._packed;
    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is SkillLevels other && Equals(other);
    /// <inheritdoc/>
    public override int GetHashCode() => _packed.GetHashCode();
    /// <summary>Equality of every proficiency.</summary>
    public static bool operator ==(SkillLevels left, SkillLevels right) => left.Equals(right);
    /// <summary>Inequality of any proficiency.</summary>
    public static bool operator !=(SkillLevels left, SkillLevels right) => !left.Equals(right);

    /// <summary>For example "Billing 5, Retention 4", or "none".</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        foreach (var (skill, proficiency) in ToDictionary())
            text.Append(text.Length == 0 ? "" : ", ").Append(skill).Append(' ').Append(proficiency);
        return text.Length == 0 ? "none" : text.ToString();
    }
}

/// <summary>Writes <see cref="SkillLevels"/> as <c>{"Billing":5}</c> and reads it back.</summary>
internal sealed class SkillLevelsJsonConverter : JsonConverter<SkillLevels>
{
    public override SkillLevels Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject) throw new JsonException("Skill levels must be an object.");
        var result = SkillLevels.None;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var name = reader.GetString();
            if (!Enum.TryParse<Skill>(name, ignoreCase: true, out var skill) || !Enum.IsDefined(skill)) throw new JsonException($"Unknown skill '{name}'.");
            reader.Read();
            var proficiency = reader.GetInt32();
            if (proficiency is < 0 or > AgentSkill.MaxProficiency) throw new JsonException($"Proficiency for {skill} must be between 0 and {AgentSkill.MaxProficiency}.");
            result = result.With(skill, proficiency);
        }
        return result;
    }

    public override void Write(Utf8JsonWriter writer, SkillLevels value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        foreach (var (skill, proficiency) in value.ToDictionary()) writer.WriteNumber(skill.ToString(), proficiency);
        writer.WriteEndObject();
    }
}
