"""Topic stage: keep on-topic articles; record the rest as off-topic with the reason."""

from __future__ import annotations

from datetime import date
from typing import Any

from newscrawl.items import OFF_TOPIC, ChannelPoll, FetchedPage


class TopicPipeline:
    """Match the topic query on title + text; check languages, the topic window and --since."""

    def __init__(self, crawler: Any) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Any) -> TopicPipeline:
        return cls(crawler)

    def process_item(self, item: FetchedPage, spider: Any = None) -> FetchedPage:
        if isinstance(item, ChannelPoll):  # a channel's read: only the store stage writes it
            return item
        if item.decided or item.article is None:
            return item
        spider = self.crawler.spider
        topic = spider.topic
        article = item.article
        match, item.topic_match = item.topic_match, None  # matched in the extraction pool
        if match is None:
            match = topic.query.match(article.title, article.text)
        if not match.matched:
            item.decide(OFF_TOPIC, "topic query did not match")
            return item
        if match.score < topic.min_score:
            item.decide(OFF_TOPIC, f"topic score {match.score:.2f} below {topic.min_score}")
            return item
        if topic.languages and article.language and article.language not in topic.languages:
            item.decide(OFF_TOPIC, f"language {article.language} not in the topic's languages")
            return item
        published = article.published_at
        if published is not None:
            # the outlet's own day (a story of 23:30 in Chicago on the 24th is the 24th's)
            day = date.fromisoformat(article.published_day) if article.published_day else published.date()
            if topic.since and day < topic.since:
                item.decide(OFF_TOPIC, f"published {day} before the topic window ({topic.since})")
                return item
            if topic.until and day > topic.until:
                item.decide(OFF_TOPIC, f"published {day} after the topic window ({topic.until})")
                return item
            if spider.since and (day < spider.since.date() if article.published_day
                                 else published < spider.since):
                item.decide(OFF_TOPIC, f"published {day} before --since {spider.since.date()}")
                return item
        article.topics = {topic.slug: match.to_json()}
        return item
