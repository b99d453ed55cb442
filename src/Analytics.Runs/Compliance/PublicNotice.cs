using System.Text;
using Analytics.Runs.Jobs;

namespace Analytics.Runs.Compliance;

/// <summary>
/// The public information notice and the processing-register entry of a job, in French and English, as Markdown:
/// what the municipality publishes (GDPR arts. 13–14 and 30) before and while the processing runs.
/// </summary>
public static class PublicNotice
{
    public static string Render(Job job)
    {
        ArgumentNullException.ThrowIfNull(job);
        var text = new StringBuilder();
        French(text, job);
        text.AppendLine().AppendLine("---").AppendLine();
        English(text, job);
        return text.ToString();
    }

    private static void French(StringBuilder t, Job job)
    {
        var contact = job.Contact is { } address ? $"à {address}" : $"au responsable du traitement ({job.Controller})";
        t.AppendLine("# Information du public : comptage statistique à partir des enregistrements de vidéoprotection").AppendLine();
        t.AppendLine($"**Responsable du traitement :** {job.Controller}  ");
        t.AppendLine($"**Finalité :** {job.Purpose}  ");
        t.AppendLine($"**Base légale :** {job.LegalBasis}  ");
        t.AppendLine($"**Décision :** {job.DecisionReference}").AppendLine();
        t.AppendLine("## Ce qui est fait").AppendLine();
        t.AppendLine($"Les enregistrements des caméras ci-dessous sont analysés **après coup** (jamais en direct) pour compter les piétons, les cycles et les véhicules, par tranches de {job.BinMinutes} minutes :").AppendLine();
        foreach (var camera in job.Cameras)
        {
            t.AppendLine($"- caméra `{camera.Id}` : {Describe(camera, french: true)}");
        }

        t.AppendLine().AppendLine("## Ce qui n'est pas fait").AppendLine();
        t.AppendLine("- aucune reconnaissance faciale, aucune lecture de plaque, aucune donnée biométrique (ces fonctions sont exclues du logiciel lui-même) ;");
        t.AppendLine("- aucune image, aucun extrait, aucun identifiant ni aucune trajectoire individuelle n'est conservé : les images ne sont traitées qu'en mémoire, et seuls des totaux par tranche horaire sont produits ;");
        if (job.SuppressBelow is { } k)
        {
            t.AppendLine($"- les totaux inférieurs à {k} (hors zéro) sont masqués dans les résultats ;");
        }

        t.AppendLine("- des zones privées (entrées d'immeubles, fenêtres) peuvent être masquées avant toute analyse.").AppendLine();
        t.AppendLine("## Durées de conservation").AppendLine();
        t.AppendLine(job.RetentionOverrideReason is { } raison
            ? $"En principe, seuls les enregistrements de moins de {job.RetentionDays} jours sont analysés ; des enregistrements plus anciens peuvent toutefois l'être, pour la raison suivante, consignée au journal d'audit : {raison}. Les statistiques produites sont anonymes et agrégées."
            : $"Seuls les enregistrements de moins de {job.RetentionDays} jours sont analysés. Les statistiques produites sont anonymes et agrégées.").AppendLine();
        t.AppendLine("## Vos droits").AppendLine();
        t.AppendLine($"Pour toute question, ou pour exercer votre droit d'opposition (article 21 du RGPD) et vos autres droits, adressez-vous {contact}. Vous pouvez aussi saisir {(InFrance(job) ? "la CNIL (www.cnil.fr)" : "l'autorité de protection des données compétente")}.").AppendLine();
        t.AppendLine("## Fiche du registre des activités de traitement (article 30 du RGPD)").AppendLine();
        t.AppendLine("| rubrique | contenu |").AppendLine("|---|---|");
        t.AppendLine($"| traitement | comptage statistique des flux (piétons, cycles, véhicules) sur enregistrements de vidéoprotection |");
        t.AppendLine($"| responsable | {job.Controller} |");
        t.AppendLine($"| finalité | {job.Purpose} |");
        t.AppendLine($"| base légale | {job.LegalBasis} |");
        t.AppendLine($"| décision | {job.DecisionReference} |");
        t.AppendLine("| personnes concernées | personnes et véhicules passant dans le champ des caméras listées |");
        t.AppendLine("| données traitées | images des enregistrements, en mémoire seulement ; données produites : totaux agrégés, sans image ni identifiant |");
        t.AppendLine("| destinataires | services statistiques du responsable |");
        t.AppendLine(job.RetentionOverrideReason is { } motif
            ? $"| conservation | {job.RetentionDays} jours en principe ; enregistrements plus anciens analysés par dérogation ({motif}) ; statistiques anonymes |"
            : $"| conservation | enregistrements analysés s'ils ont moins de {job.RetentionDays} jours ; statistiques anonymes |");
        t.AppendLine("| sécurité | traitement hors ligne ; fonctions biométriques bannies à la compilation ; masques de confidentialité ; journal d'audit chaîné par empreintes SHA-256 |");
        t.AppendLine("| transferts hors UE | aucun |");
    }

    private static void English(StringBuilder t, Job job)
    {
        var contact = job.Contact ?? $"the controller ({job.Controller})";
        t.AppendLine("# Public notice: statistical counting from video-protection recordings").AppendLine();
        t.AppendLine($"**Controller:** {job.Controller}  ");
        t.AppendLine($"**Purpose:** {job.Purpose}  ");
        t.AppendLine($"**Legal basis:** {job.LegalBasis}  ");
        t.AppendLine($"**Decision:** {job.DecisionReference}").AppendLine();
        t.AppendLine("## What is done").AppendLine();
        t.AppendLine($"The recordings of the cameras below are analysed **after the fact** (never live) to count pedestrians, cycles and vehicles, in {job.BinMinutes}-minute periods:").AppendLine();
        foreach (var camera in job.Cameras)
        {
            t.AppendLine($"- camera `{camera.Id}`: {Describe(camera, french: false)}");
        }

        t.AppendLine().AppendLine("## What is not done").AppendLine();
        t.AppendLine("- no facial recognition, no licence-plate reading, no biometric data (these functions are excluded from the software itself);");
        t.AppendLine("- no image, clip, identifier or individual trajectory is kept: images are processed in memory only, and only totals per time period are produced;");
        if (job.SuppressBelow is { } k)
        {
            t.AppendLine($"- totals below {k} (other than zero) are hidden in the results;");
        }

        t.AppendLine("- private areas (building entrances, windows) can be masked before any analysis.").AppendLine();
        t.AppendLine("## Retention").AppendLine();
        t.AppendLine(job.RetentionOverrideReason is { } reason
            ? $"As a rule, only recordings less than {job.RetentionDays} days old are analysed; older recordings may nevertheless be analysed, for the following reason, recorded in the audit log: {reason}. The statistics produced are anonymous aggregates."
            : $"Only recordings less than {job.RetentionDays} days old are analysed. The statistics produced are anonymous aggregates.").AppendLine();
        t.AppendLine("## Your rights").AppendLine();
        t.AppendLine($"For any question, or to object (GDPR article 21) and exercise your other rights, contact {contact}. You may also lodge a complaint with {(InFrance(job) ? "the CNIL (www.cnil.fr)" : "the competent data-protection supervisory authority")}.").AppendLine();
        t.AppendLine("## Processing-register entry (GDPR article 30)").AppendLine();
        t.AppendLine("| item | content |").AppendLine("|---|---|");
        t.AppendLine("| processing | statistical counting of flows (pedestrians, cycles, vehicles) on video-protection recordings |");
        t.AppendLine($"| controller | {job.Controller} |");
        t.AppendLine($"| purpose | {job.Purpose} |");
        t.AppendLine($"| legal basis | {job.LegalBasis} |");
        t.AppendLine($"| decision | {job.DecisionReference} |");
        t.AppendLine("| data subjects | people and vehicles passing in the field of the listed cameras |");
        t.AppendLine("| data processed | images of the recordings, in memory only; data produced: aggregate totals, with no image or identifier |");
        t.AppendLine("| recipients | the controller's statistics services |");
        t.AppendLine(job.RetentionOverrideReason is { } why
            ? $"| retention | {job.RetentionDays} days as a rule; older recordings analysed by exception ({why}); anonymous statistics |"
            : $"| retention | recordings analysed only if less than {job.RetentionDays} days old; anonymous statistics |");
        t.AppendLine("| security | offline processing; biometric functions banned at compile time; privacy masks; SHA-256 hash-chained audit log |");
        t.AppendLine("| transfers outside the EU | none |");
    }

    private static string Describe(CameraJob camera, bool french)
    {
        var parts = new List<string>();
        if (camera.Lines.Count > 0)
        {
            parts.Add((french ? "passages de ligne " : "line crossings ") + string.Join(", ", camera.Lines.Select(l => $"`{l.Id}` ({l.ForwardName} / {l.BackwardName})")));
        }

        if (camera.Zones.Count > 0)
        {
            parts.Add((french ? "fréquentation des zones " : "occupancy of zones ") + string.Join(", ", camera.Zones.Select(z => $"`{z.Id}`")));
        }

        if (camera.PrivacyMasks.Count > 0)
        {
            parts.Add(french ? $"{camera.PrivacyMasks.Count} zone(s) masquée(s)" : $"{camera.PrivacyMasks.Count} masked area(s)");
        }

        return string.Join("; ", parts);
    }

    /// <summary>France's time zones, metropolitan and overseas: where the CNIL is the supervisory authority.</summary>
    private static readonly HashSet<string> FrenchTimeZones = new(StringComparer.Ordinal)
    {
        "Europe/Paris", "America/Cayenne", "America/Guadeloupe", "America/Martinique", "America/St_Barthelemy", "America/Marigot",
        "America/Miquelon", "Indian/Reunion", "Indian/Mayotte", "Indian/Kerguelen", "Pacific/Noumea", "Pacific/Tahiti",
        "Pacific/Marquesas", "Pacific/Gambier", "Pacific/Wallis",
    };

    /// <summary>Whether every camera of the job is in France (by its time zone): only then is the CNIL named.</summary>
    private static bool InFrance(Job job) => job.Cameras.All(c => FrenchTimeZones.Contains(c.TimeZone.Id));
}
