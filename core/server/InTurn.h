#pragma once

// Runs an asynchronous step on each item in turn, each once the one before is done: call control's REST
// requests on several participants, which Twilio would otherwise see crossing.

#include <QList>
#include <QString>

#include <functional>

namespace Server {

// step's done and finished take a problem: an empty sentence for success. finished gets the first problem,
// after which no further step runs.
template<typename Item>
void inTurn(QList<Item> items,
            const std::function<void(const Item &, const std::function<void(const QString &)> &)> &step,
            const std::function<void(const QString &)> &finished)
{
    if (items.isEmpty()) {
        finished(QString());
        return;
    }
    const Item first = items.takeFirst();
    step(first, [items = std::move(items), step, finished](const QString &problem) {
        if (!problem.isEmpty())
            finished(problem);
        else
            inTurn(items, step, finished);
    });
}

} // namespace Server
