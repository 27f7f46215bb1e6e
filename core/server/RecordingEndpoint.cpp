#include "core/server/RecordingEndpoint.h"

#include "core/config/TwilioAccount.h"
#include "core/store/VoicemailStore.h"

#include <QSet>

namespace Server {
namespace {

// Recording and call SIDs go into REST paths later (fetching the media, deleting it): only Twilio's form.
QString sidProblem(const Webhook::FormParameters &parameters, const QString &name, const QString &prefix)
{
    return Config::TwilioAccount::sidProblem(parameters.value(name), prefix, name);
}

QString recordingStatusProblem(const QString &status)
{
    static const QSet<QString> known { QStringLiteral("in-progress"), QStringLiteral("completed"),
                                       QStringLiteral("absent"), QStringLiteral("failed") };
    if (known.contains(status))
        return {};
    return QStringLiteral("RecordingStatus must be in-progress, completed, absent or failed");
}

// Twilio's URLs are short; anything longer is not one of them.
QString urlOf(const QString &text)
{
    return text.size() <= 2048 ? text : QString();
}

} // namespace

RecordingEndpoint::RecordingEndpoint(std::shared_ptr<Store::Database> database)
    : m_database(std::move(database))
{ }

void RecordingEndpoint::recording(const Webhook::FormParameters &parameters, RequestRecord record,
                                  const Reply &reply) const
{
    Store::RecordingReport report;
    report.recordingSid = parameters.value(QStringLiteral("RecordingSid"));
    report.callSid = parameters.value(QStringLiteral("CallSid"));
    report.status = parameters.value(QStringLiteral("RecordingStatus"));
    QString problem = sidProblem(parameters, QStringLiteral("RecordingSid"), QStringLiteral("RE"));
    if (problem.isEmpty())
        problem = sidProblem(parameters, QStringLiteral("CallSid"), QStringLiteral("CA"));
    if (problem.isEmpty())
        problem = recordingStatusProblem(report.status);
    bool durationOk = true;
    report.duration
        = parameters.value(QStringLiteral("RecordingDuration"), QStringLiteral("0")).toInt(&durationOk);
    if (problem.isEmpty() && (!durationOk || report.duration < 0))
        problem = QStringLiteral("RecordingDuration must be a whole number of seconds");
    if (!problem.isEmpty()) {
        reply(HttpResponse::error(400, problem), std::move(record));
        return;
    }
    if (report.status == QLatin1String("in-progress")) {
        record.outcome
            = QStringLiteral("recording %1 in progress; kept when it completes").arg(report.recordingSid);
        reply(HttpResponse::noContent(), std::move(record));
        return;
    }
    report.mediaUrl = urlOf(parameters.value(QStringLiteral("RecordingUrl")));
    const QDateTime started
        = QDateTime::fromString(parameters.value(QStringLiteral("RecordingStartTime")), Qt::RFC2822Date);
    report.recorded = started.isValid() ? started.toUTC() : QDateTime::currentDateTimeUtc();
    replyAfter(Store::VoicemailStore(m_database).record(report),
               QStringLiteral("voicemail %1 of %2: %3, %4 s")
                   .arg(report.recordingSid, report.callSid, report.status)
                   .arg(report.duration),
               std::move(record), reply);
}

void RecordingEndpoint::transcription(const Webhook::FormParameters &parameters, RequestRecord record,
                                      const Reply &reply) const
{
    Store::TranscriptReport report;
    report.recordingSid = parameters.value(QStringLiteral("RecordingSid"));
    report.callSid = parameters.value(QStringLiteral("CallSid"));
    report.mediaUrl = urlOf(parameters.value(QStringLiteral("RecordingUrl")));
    report.text = parameters.value(QStringLiteral("TranscriptionText"));
    report.status = parameters.value(QStringLiteral("TranscriptionStatus"));
    QString problem = sidProblem(parameters, QStringLiteral("RecordingSid"), QStringLiteral("RE"));
    if (problem.isEmpty())
        problem = sidProblem(parameters, QStringLiteral("CallSid"), QStringLiteral("CA"));
    if (problem.isEmpty() && report.status != QLatin1String("completed")
        && report.status != QLatin1String("failed"))
        problem = QStringLiteral("TranscriptionStatus must be completed or failed");
    if (!problem.isEmpty()) {
        reply(HttpResponse::error(400, problem), std::move(record));
        return;
    }
    replyAfter(Store::VoicemailStore(m_database).transcribe(report),
               QStringLiteral("transcript of voicemail %1: %2, %3 characters")
                   .arg(report.recordingSid, report.status)
                   .arg(report.text.size()),
               std::move(record), reply);
}

void RecordingEndpoint::replyAfter(const Result<void> &stored, const QString &outcome, RequestRecord record,
                                   const Reply &reply) const
{
    if (!stored) {
        record.outcome = QStringLiteral("not stored: %1").arg(stored.error());
        reply(HttpResponse::error(500, QStringLiteral("the voicemail could not be stored")),
              std::move(record));
        return;
    }
    record.outcome = outcome;
    reply(HttpResponse::noContent(), std::move(record));
}

} // namespace Server
