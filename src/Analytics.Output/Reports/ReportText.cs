namespace Analytics.Output.Reports;

/// <summary>Every word of a report, in one language; numbers and times are formatted by the report itself.</summary>
public sealed record ReportText
{
    public static ReportText English { get; } = new()
    {
        Code = "en",
        Title = "Flow statistics report",
        Generated = "Produced by",
        Contents = "Contents",
        Accountability = "Accountability",
        Purpose = "Purpose",
        LegalBasis = "Legal basis",
        Controller = "Controller",
        Decision = "Decision",
        Model = "Model",
        ModelSha = "Model SHA-256",
        JobSha = "Job file SHA-256",
        Settings = "Settings",
        Software = "Software",
        SchemaVersion = "Dataset schema version",
        AuditHash = "Audit log, last hash",
        AuditMissing = "no audit.jsonl in the results folder (it was written elsewhere with --audit-log)",
        AnalysisPeriod = "Footage analysed",
        StatisticsOnly = "Statistics only: no image, box, track or identity was kept. The charts are drawn from the aggregate tables of the folder.",
        Suppression = "Small-cell suppression",
        SuppressionRule = "Counts from 1 to {0} are hidden (suppressBelow = {1}); {2} value(s) of this dataset are hidden. A bar or cell marked * holds a hidden value: it shows the visible values only, and no total that includes a hidden value is shown.",
        NoSuppression = "No small-cell suppression: every value is shown.",
        Inputs = "Inputs",
        AllInputsOk = "{0} input(s), every one analysed.",
        InputsProblems = "{0} of {1} input(s) were not analysed:",
        Camera = "Camera",
        File = "File",
        Status = "Status",
        Reason = "Reason",
        Validation = "Validation against the truth",
        ValidationHidden = "A validation.json is in the folder, but the dataset has hidden cells: its figures would reveal them, so they are not shown.",
        Truth = "Truth",
        ToolTotal = "Tool",
        TruthTotal = "Truth",
        TotalAbsError = "Total absolute error",
        Mape = "Per-bin MAPE",
        GehShare = "Cells with GEH < 5",
        ComparedBins = "Bins compared",
        Line = "Line",
        Direction = "Direction",
        Class = "Class",
        Error = "Error",
        Notes = "Notes",
        CameraSection = "Camera {0}",
        TimeZone = "time zone",
        Coverage = "Coverage",
        CoverageChart = "{0}: footage analysed per bin",
        CoverageSummary = "{0} bin(s) with footage, {1} analysed, from {2} to {3}; {4} gap(s) without footage (shaded, never drawn as zero).",
        PercentAnalysed = "% of the bin analysed",
        Footage = "footage",
        Counts = "Line crossings",
        CountsChart = "{0}: line {1}, {2}",
        CrossingsPerBin = "crossings per bin",
        DailyProfile = "Daily profile",
        DailyProfileChart = "{0}: crossings of all lines per hour of footage, by hour of day",
        DailyProfileTooLong = "Bins longer than an hour: no profile by hour of day.",
        CrossingsPerHour = "crossings per hour of footage",
        HourOfDay = "hour of day (local)",
        LocalTime = "local time",
        Zones = "Zones",
        ZoneOccupancyChart = "{0}: zone {1}, mean number inside (bars) and maximum (markers)",
        ZoneEntriesChart = "{0}: zone {1}, entries per bin",
        NumberInside = "number inside",
        Entries = "entries",
        OriginDestination = "Origin–destination",
        OriginDestinationChart = "{0}: objects that crossed one line then another (all bins and classes)",
        From = "from",
        To = "to",
        NoFootage = "no footage",
        HiddenMark = "* a value here is hidden",
        FootageNote = "figures over the bars: the footage behind a bin (or hour of day) that was not wholly analysed",
        DecimalSeparator = ".",
        GroupSeparator = ",",
        NoLines = "No counting line.",
        NoZones = "No zone.",
        NoPairs = "Fewer than two lines: no origin–destination.",
        Series = new Dictionary<string, string>
        {
            ["pedestrian"] = "pedestrian", ["cycle"] = "cycle", ["vehicle"] = "vehicle", ["car"] = "car", ["motorcycle"] = "motorcycle",
            ["bus"] = "bus", ["truck"] = "truck", ["footage"] = "footage",
        },
    };

    public static ReportText French { get; } = new()
    {
        Code = "fr",
        Title = "Rapport de statistiques de flux",
        Generated = "Produit par",
        Contents = "Sommaire",
        Accountability = "Responsabilité du traitement",
        Purpose = "Finalité",
        LegalBasis = "Base légale",
        Controller = "Responsable du traitement",
        Decision = "Décision",
        Model = "Modèle",
        ModelSha = "SHA-256 du modèle",
        JobSha = "SHA-256 du fichier de tâche",
        Settings = "Paramètres",
        Software = "Logiciel",
        SchemaVersion = "Version du schéma des données",
        AuditHash = "Journal d'audit, dernière empreinte",
        AuditMissing = "pas de audit.jsonl dans le dossier de résultats (écrit ailleurs avec --audit-log)",
        AnalysisPeriod = "Images analysées",
        StatisticsOnly = "Statistiques seulement : aucune image, boîte, trajectoire ni identité n'a été conservée. Les graphiques sont tirés des tables agrégées du dossier.",
        Suppression = "Secret statistique (petits effectifs)",
        SuppressionRule = "Les effectifs de 1 à {0} sont masqués (suppressBelow = {1}) ; {2} valeur(s) de ces données sont masquées. Une barre ou une case marquée * contient une valeur masquée : elle ne montre que les valeurs visibles, et aucun total incluant une valeur masquée n'est affiché.",
        NoSuppression = "Pas de secret statistique : toutes les valeurs sont affichées.",
        Inputs = "Fichiers d'entrée",
        AllInputsOk = "{0} fichier(s) d'entrée, tous analysés.",
        InputsProblems = "{0} fichier(s) sur {1} n'ont pas été analysés :",
        Camera = "Caméra",
        File = "Fichier",
        Status = "État",
        Reason = "Motif",
        Validation = "Validation par rapport à la vérité terrain",
        ValidationHidden = "Un validation.json est présent, mais les données ont des valeurs masquées : ses chiffres les révéleraient, ils ne sont donc pas affichés.",
        Truth = "Vérité terrain",
        ToolTotal = "Outil",
        TruthTotal = "Vérité",
        TotalAbsError = "Erreur absolue totale",
        Mape = "MAPE par intervalle",
        GehShare = "Cases avec GEH < 5",
        ComparedBins = "Intervalles comparés",
        Line = "Ligne",
        Direction = "Sens",
        Class = "Classe",
        Error = "Écart",
        Notes = "Remarques",
        CameraSection = "Caméra {0}",
        TimeZone = "fuseau horaire",
        Coverage = "Couverture",
        CoverageChart = "{0} : images analysées par intervalle",
        CoverageSummary = "{0} intervalle(s) avec images, {1} analysées, du {2} au {3} ; {4} lacune(s) sans images (grisées, jamais tracées comme des zéros).",
        PercentAnalysed = "% de l'intervalle analysé",
        Footage = "images",
        Counts = "Franchissements de lignes",
        CountsChart = "{0} : ligne {1}, {2}",
        CrossingsPerBin = "franchissements par intervalle",
        DailyProfile = "Profil journalier",
        DailyProfileChart = "{0} : franchissements de toutes les lignes par heure d'images, selon l'heure du jour",
        DailyProfileTooLong = "Intervalles de plus d'une heure : pas de profil par heure du jour.",
        CrossingsPerHour = "franchissements par heure d'images",
        HourOfDay = "heure du jour (locale)",
        LocalTime = "heure locale",
        Zones = "Zones",
        ZoneOccupancyChart = "{0} : zone {1}, nombre moyen présent (barres) et maximum (marques)",
        ZoneEntriesChart = "{0} : zone {1}, entrées par intervalle",
        NumberInside = "nombre présent",
        Entries = "entrées",
        OriginDestination = "Origine–destination",
        OriginDestinationChart = "{0} : objets ayant franchi une ligne puis une autre (tous intervalles et classes)",
        From = "de",
        To = "vers",
        NoFootage = "pas d'images",
        HiddenMark = "* une valeur est masquée ici",
        FootageNote = "chiffres au-dessus des barres : la durée d'images d'un intervalle (ou d'une heure du jour) qui n'a pas été analysé en entier",
        DecimalSeparator = ",",
        GroupSeparator = "\u00A0",
        NoLines = "Aucune ligne de comptage.",
        NoZones = "Aucune zone.",
        NoPairs = "Moins de deux lignes : pas d'origine–destination.",
        Series = new Dictionary<string, string>
        {
            ["pedestrian"] = "piéton", ["cycle"] = "cycle", ["vehicle"] = "véhicule", ["car"] = "voiture", ["motorcycle"] = "moto",
            ["bus"] = "bus", ["truck"] = "camion", ["footage"] = "images",
        },
    };

    public required string Code { get; init; }

    public required string Title { get; init; }

    public required string Generated { get; init; }

    public required string Contents { get; init; }

    public required string Accountability { get; init; }

    public required string Purpose { get; init; }

    public required string LegalBasis { get; init; }

    public required string Controller { get; init; }

    public required string Decision { get; init; }

    public required string Model { get; init; }

    public required string ModelSha { get; init; }

    public required string JobSha { get; init; }

    public required string Settings { get; init; }

    public required string Software { get; init; }

    public required string SchemaVersion { get; init; }

    public required string AuditHash { get; init; }

    public required string AuditMissing { get; init; }

    public required string AnalysisPeriod { get; init; }

    public required string StatisticsOnly { get; init; }

    public required string Suppression { get; init; }

    /// <summary>{0}: k − 1, {1}: k, {2}: how many values are hidden.</summary>
    public required string SuppressionRule { get; init; }

    public required string NoSuppression { get; init; }

    public required string Inputs { get; init; }

    public required string AllInputsOk { get; init; }

    public required string InputsProblems { get; init; }

    public required string Camera { get; init; }

    public required string File { get; init; }

    public required string Status { get; init; }

    public required string Reason { get; init; }

    public required string Validation { get; init; }

    public required string ValidationHidden { get; init; }

    public required string Truth { get; init; }

    public required string ToolTotal { get; init; }

    public required string TruthTotal { get; init; }

    public required string TotalAbsError { get; init; }

    public required string Mape { get; init; }

    public required string GehShare { get; init; }

    public required string ComparedBins { get; init; }

    public required string Line { get; init; }

    public required string Direction { get; init; }

    public required string Class { get; init; }

    public required string Error { get; init; }

    public required string Notes { get; init; }

    public required string CameraSection { get; init; }

    public required string TimeZone { get; init; }

    public required string Coverage { get; init; }

    public required string CoverageChart { get; init; }

    /// <summary>{0}: bins, {1}: duration, {2}: first bin, {3}: end of the last bin, {4}: gaps.</summary>
    public required string CoverageSummary { get; init; }

    public required string PercentAnalysed { get; init; }

    public required string Footage { get; init; }

    public required string Counts { get; init; }

    public required string CountsChart { get; init; }

    public required string CrossingsPerBin { get; init; }

    public required string DailyProfile { get; init; }

    public required string DailyProfileChart { get; init; }

    public required string DailyProfileTooLong { get; init; }

    public required string CrossingsPerHour { get; init; }

    public required string HourOfDay { get; init; }

    public required string LocalTime { get; init; }

    public required string Zones { get; init; }

    public required string ZoneOccupancyChart { get; init; }

    public required string ZoneEntriesChart { get; init; }

    public required string NumberInside { get; init; }

    public required string Entries { get; init; }

    public required string OriginDestination { get; init; }

    public required string OriginDestinationChart { get; init; }

    public required string From { get; init; }

    public required string To { get; init; }

    public required string NoFootage { get; init; }

    public required string HiddenMark { get; init; }

    public required string FootageNote { get; init; }

    /// <summary>How numbers are written on the charts' axes in this language (0.5 or 0,5; 4,500 or 4 500).</summary>
    public required string DecimalSeparator { get; init; }

    public required string GroupSeparator { get; init; }

    public required string NoLines { get; init; }

    public required string NoZones { get; init; }

    public required string NoPairs { get; init; }

    /// <summary>Series names (classes, vehicle types, footage) in this language.</summary>
    public required IReadOnlyDictionary<string, string> Series { get; init; }

    public static ReportText Of(ReportLanguage language) => language == ReportLanguage.French ? French : English;

    public string SeriesName(string series) => Series.TryGetValue(series, out var name) ? name : series;

    /// <summary>A number as an axis shows it in this language: grouped thousands, up to two decimals.</summary>
    public string Number(double value) =>
        value.ToString("#,0.##", System.Globalization.CultureInfo.InvariantCulture).Replace(",", "\u0001", StringComparison.Ordinal)
            .Replace(".", DecimalSeparator, StringComparison.Ordinal).Replace("\u0001", GroupSeparator, StringComparison.Ordinal);
}
