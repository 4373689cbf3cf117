using TiersLieux.ServiceDefaults.Validation;

namespace TiersLieux.Training.Api.Domain;

/// <summary>A course a place (or the network) gives: its kind, length, the qualifications it confers, what it requires first.</summary>
public sealed class Course
{
    private Course()
    {
    }

    public Guid Id { get; private set; }

    public string Title { get; private set; } = "";

    /// <summary>The place that gives it; null for a network-wide course (given at any place).</summary>
    public Guid? PlaceId { get; private set; }

    public CourseKind Kind { get; private set; }

    public decimal DurationHours { get; private set; }

    /// <summary>Equipment's qualification codes a completed course confers (machine safety).</summary>
    public List<string> QualificationCodes { get; private set; } = [];

    /// <summary>Courses a learner completes first.</summary>
    public List<Guid> PrerequisiteCourseIds { get; private set; } = [];

    /// <summary>The share of the session's hours a learner attends to complete it, in percent.</summary>
    public int RequiredAttendancePercent { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>Long courses and diplomas follow their learners after the end (positive exits for funders).</summary>
    public bool FollowsOutcomes => Kind is CourseKind.LongCourse or CourseKind.Diploma;

    public static (Course? Course, Errors Errors) Create(string? title, Guid? placeId, CourseKind? kind, decimal? durationHours,
        IReadOnlyList<string>? qualificationCodes, IReadOnlyList<Guid>? prerequisites, int? requiredAttendancePercent, DateTimeOffset now)
    {
        var errors = new Errors().Require("title", title).Require("kind", kind).Require("durationHours", durationHours);
        if (title is { Length: > 200 })
        {
            errors.Add("title", "The title has 200 characters at most.");
        }

        if (durationHours is <= 0 or > 5000)
        {
            errors.Add("durationHours", "A course lasts more than 0 and at most 5,000 hours.");
        }

        foreach (var code in qualificationCodes ?? [])
        {
            if (string.IsNullOrWhiteSpace(code) || code.Length > 40 || !code.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-'))
            {
                errors.Add("qualificationCodes", $"'{code}' is not a qualification code (lowercase letters, digits, dashes).");
            }
        }

        if (requiredAttendancePercent is < 1 or > 100)
        {
            errors.Add("requiredAttendancePercent", "The required attendance is 1 to 100 percent.");
        }

        return errors.Any
            ? (null, errors)
            : (new Course
            {
                Id = Guid.CreateVersion7(now),
                Title = title!.Trim(),
                PlaceId = placeId,
                Kind = kind!.Value,
                DurationHours = durationHours!.Value,
                QualificationCodes = [.. (qualificationCodes ?? []).Distinct()],
                PrerequisiteCourseIds = [.. (prerequisites ?? []).Distinct()],
                RequiredAttendancePercent = requiredAttendancePercent ?? 80,
                CreatedAt = now,
            }, errors);
    }
}
