#pragma once

// Waits for the answer of an asynchronous call that hands its result to a callback (a team client's
// fetch()), running the event loop meanwhile. Empty when none came in time: the caller fails the test.

#include <QDeadlineTimer>
#include <QTest>

#include <functional>
#include <optional>

template<typename Answer>
std::optional<Answer> answerOf(const std::function<void(std::function<void(Answer)>)> &ask,
                               int timeoutMs = 10000)
{
    std::optional<Answer> answer;
    ask([&answer](Answer given) { answer = std::move(given); });
    QDeadlineTimer deadline(timeoutMs);
    while (!answer && !deadline.hasExpired())
        QTest::qWait(10);
    return answer;
}
