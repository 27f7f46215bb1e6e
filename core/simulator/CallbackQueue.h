#pragma once

// Posts callbacks one at a time, in order, as Twilio posts those of one call or one conference, and says
// when every one was answered. An answer other than 200 or 204 is a problem, said in a sentence.

#include "core/simulator/HttpExchange.h"
#include "core/webhook/FormParameters.h"

#include <QList>
#include <QObject>

namespace Simulator {

class WebhookClient;

class CallbackQueue : public QObject
{
    Q_OBJECT

public:
    explicit CallbackQueue(WebhookClient *webhooks, QObject *parent = nullptr);

    // url is public (what the signature covers); what names the callback in a problem's sentence.
    void post(const QString &url, const Webhook::FormParameters &parameters, const QString &what);
    bool isIdle() const { return !m_busy && m_queue.isEmpty(); }

Q_SIGNALS:
    void exchanged(const Simulator::HttpExchange &exchange);
    void problem(const QString &problem);
    void idle();

private:
    struct Callback
    {
        QString url;
        Webhook::FormParameters parameters;
        QString what;
    };

    void sendNext();

    WebhookClient *m_webhooks;
    QList<Callback> m_queue;
    bool m_busy = false;
};

} // namespace Simulator
