#pragma once

// Posts one call's status callbacks as Twilio does: numbered from 0, stamped with the time of the event,
// one at a time so that the server sees them in order.

#include "core/simulator/HttpExchange.h"
#include "core/webhook/FormParameters.h"

#include <QList>
#include <QObject>
#include <QStringList>

namespace Simulator {

class CallbackQueue;
class WebhookClient;

class StatusCallbackSender : public QObject
{
    Q_OBJECT

public:
    // call: the call's parameters (CallSid, From, To, Direction, ...); url: the public status URL.
    StatusCallbackSender(WebhookClient *webhooks, const QString &url, const Webhook::FormParameters &call,
                         QObject *parent = nullptr);

    // The StatusCallbackEvents of a REST-created call (initiated ringing answered completed): statuses
    // of other events are not sent. Empty, as by default: every status is.
    void setEvents(const QStringList &events) { m_events = events; }
    // duration < 0 leaves CallDuration out.
    void send(const QString &status, int durationSeconds = -1);
    bool isIdle() const;

Q_SIGNALS:
    void exchanged(const Simulator::HttpExchange &exchange);
    void problem(const QString &problem); // an answer other than 200 or 204
    void idle();

private:
    CallbackQueue *m_queue;
    QString m_url;
    Webhook::FormParameters m_call;
    QStringList m_events;
    int m_sequence = 0;
};

} // namespace Simulator
