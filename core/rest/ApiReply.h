#pragma once

// Twilio's answer to one REST request, as the caller sees it: the status and body, or why there is no
// useful answer, as a sentence. Twilio's error body ({"code", "message", "more_info", "status"}) becomes
// part of that sentence, and so does the validation report of a mock that checks requests against Twilio's
// published API description (Prism: {"title", "detail", "validation": [{"message"}]}).

#include <QByteArray>
#include <QJsonObject>
#include <QString>

namespace Rest {

struct ApiReply
{
    int status = 0; // 0: no HTTP answer at all
    QByteArray body;
    QByteArray contentType;
    QString problem; // empty when the request succeeded

    bool isOk() const { return problem.isEmpty(); }
    // The body as a JSON object; empty when it is not one.
    QJsonObject json() const;

    // The sentence for an HTTP answer that is not a success; what is the doing: "fetch recording RE…".
    static QString describeFailure(int status, const QByteArray &body, const QString &what);
};

} // namespace Rest
