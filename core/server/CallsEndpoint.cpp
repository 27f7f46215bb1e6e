#include "core/server/CallsEndpoint.h"

#include "core/server/ApiPaths.h"
#include "core/store/CallLog.h"
#include "core/store/CallRecordJson.h"

#include <QJsonArray>
#include <QLoggingCategory>
#include <QRegularExpression>
#include <QUrlQuery>

Q_DECLARE_LOGGING_CATEGORY(lcServer)

namespace Server {
namespace {

// "MS-ID": where the page before ended; only this server writes it, into the next link.
QString positionText(const Store::CallLog::PagePosition &position)
{
    return QStringLiteral("%1-%2").arg(position.updatedAtMs).arg(position.id);
}

std::optional<Store::CallLog::PagePosition> positionFrom(const QString &text)
{
    static const QRegularExpression form(QStringLiteral("^(\\d{1,15})-(\\d{1,18})$"));
    const QRegularExpressionMatch match = form.match(text);
    if (!match.hasMatch())
        return std::nullopt;
    return Store::CallLog::PagePosition { match.captured(1).toLongLong(), match.captured(2).toLongLong() };
}

Result<CallsEndpoint::Query> queryOf(const QString &query)
{
    CallsEndpoint::Query request;
    const QUrlQuery parameters(query);
    QStringList seen;
    for (const auto &[name, value] : parameters.queryItems(QUrl::FullyDecoded)) {
        if (seen.contains(name))
            return Failure(QStringLiteral("%1 is given twice").arg(name.left(40)));
        seen.append(name);
        if (name == QLatin1String("limit")) {
            bool ok = false;
            request.limit = value.toInt(&ok);
            if (!ok || request.limit < 1 || request.limit > CallsEndpoint::maximumLimit)
                return Failure(QStringLiteral("limit takes a whole number from 1 to %1")
                                   .arg(CallsEndpoint::maximumLimit));
        } else if (name == QLatin1String("since")) {
            request.since = QDateTime::fromString(value, Qt::ISODateWithMs);
            if (!request.since.isValid() || request.since.timeSpec() == Qt::LocalTime)
                return Failure(QStringLiteral(
                    "since takes an ISO 8601 time with its offset, such as 2026-12-01T09:00:00Z"));
        } else if (name == QLatin1String("before")) {
            request.before = positionFrom(value);
            if (!request.before)
                return Failure(QStringLiteral("before takes the value of a page's next link"));
        } else {
            return Failure(QStringLiteral("unknown parameter %1: /calls takes since, limit and before")
                               .arg(name.left(40)));
        }
    }
    return request;
}

} // namespace

CallsEndpoint::CallsEndpoint(const ClientSignIn &signIn, std::shared_ptr<Store::Database> database)
    : m_signIn(signIn)
    , m_database(std::move(database))
{ }

void CallsEndpoint::handle(const HttpRequest &request, RequestRecord record, const Reply &reply) const
{
    // The query is checked before the secret: a malformed request costs no hashing.
    const auto query = queryOf(request.query);
    if (!query) {
        reply(HttpResponse::error(400, query.error()), std::move(record));
        return;
    }
    m_signIn.handle(
        request, std::move(record), reply,
        [this, asked = *query](const QString &clientName, RequestRecord signedIn, const Reply &answer) {
            HttpResponse response = page(clientName, asked, signedIn);
            answer(std::move(response), std::move(signedIn));
        });
}

HttpResponse CallsEndpoint::page(const QString &clientName, const Query &asked, RequestRecord &record) const
{
    const auto page
        = Store::CallLog(m_database).clientPage(clientName, asked.since, asked.before, asked.limit);
    if (!page) {
        // The reason names the database: the log has it, the phone gets a sentence and a time to retry.
        qCWarning(lcServer).noquote()
            << "cannot list the calls of client" << clientName << ':' << page.error();
        record.outcome = page.error();
        HttpResponse response
            = HttpResponse::error(503, QStringLiteral("the call log cannot be read right now"));
        response.headers.append(qMakePair(QByteArray("Retry-After"), QByteArray("5")));
        return response;
    }
    QJsonArray calls;
    for (const Store::CallRecord &call : page->calls)
        calls.append(Store::CallRecordJson::toJson(call));
    QJsonObject body { { QStringLiteral("calls"), calls } };
    if (page->next) {
        QUrlQuery next;
        next.addQueryItem(QStringLiteral("limit"), QString::number(asked.limit));
        if (asked.since.isValid())
            next.addQueryItem(QStringLiteral("since"), asked.since.toUTC().toString(Qt::ISODateWithMs));
        next.addQueryItem(QStringLiteral("before"), positionText(*page->next));
        body.insert(QStringLiteral("next"), ApiPaths::calls() + u'?' + next.toString(QUrl::FullyEncoded));
    }
    record.outcome = QStringLiteral("%1 calls of client %2").arg(page->calls.size()).arg(clientName);
    HttpResponse response = HttpResponse::json(200, body);
    // Whom someone called is personal: no cache keeps it.
    response.headers.append(qMakePair(QByteArray("Cache-Control"), QByteArray("no-store")));
    return response;
}

} // namespace Server
