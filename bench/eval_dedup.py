"""Near-duplicate detection: quality on a generated labelled set, and lookup speed at scale.

1. Quality. A deterministic labelled set is generated in code (no external data): stories on
   a handful of subjects, each run by 4-6 outlets with the edits syndication really makes
   (headline rewritten, dateline kept, stripped or replaced, a kicker line, lede trimmed,
   paragraphs dropped or added at the end, each outlet's boilerplate inside the text, wire
   credit lines kept or dropped, a few words changed, typos; a few verbatim copies), plus
   hard negatives: independent stories on the same subject, with the same names, places
   and vocabulary (and now and then the same reused background paragraph). Every article
   goes through newscrawl's own path, in arrival order, on a real ``Store`` (temp SQLite):
   ``text_hash`` and ``article_by_hash`` first, as ``pipelines/dedup.py`` does, else
   ``minhash_signature``, ``band_keys`` and ``store.near_duplicate_candidates`` queried
   *before* the article is inserted (``insert_article`` + ``add_minhash``); a pair is accepted
   when ``estimated_jaccard >= threshold``. Accepted pairs are merged by union-find into
   predicted clusters and every pair inside them is scored against the true stories
   (pair precision / recall). The ``cluster_id`` column the pipeline's own rule would store
   (the first accepted candidate's cluster, no merging) is scored beside it.
2. Speed. Random signatures (numpy uint64, n x 128) and their ``band_keys`` are bulk-loaded
   into the store's own tables on a temp database (one transaction, ``synchronous=OFF`` and
   ``journal_mode=OFF`` on that temp file only, back to WAL afterwards), a few hundred
   near-duplicates of stored signatures are planted among the queries, and lookups go
   through ``Store.near_duplicate_candidates``.

    python bench/eval_dedup.py [--quick] [--seed N] [--budget SECONDS]
"""

from __future__ import annotations

import argparse
import random
import re
import statistics
import sys
import tempfile
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from newscrawl.items import Article
from newscrawl.judge.dedup import (
    NearDupSettings,
    band_keys,
    estimated_jaccard,
    minhash_signature,
    shingles,
    signature_from_bytes,
    signature_to_bytes,
    text_hash,
)
from newscrawl.store import Store
from newscrawl.words import word_count

TARGET_PRECISION = 0.99
TARGET_RECALL = 0.95
TARGET_LOOKUP_MS = 5.0

# -- vocabulary ----------------------------------------------------------------------------------

FEMALE = (
    "Maria Ana Rosa Linda Patricia Jennifer Aisha Keisha Mei Priya Sarah Emily Grace Olivia Fatima "
    "Lucia Carmen Denise Tanya Hannah Rebecca Naomi Gloria Yesenia Monica Alicia Brenda Joy Leah Irene"
).split()
MALE = (
    "Luis Jose Carlos Michael David James Robert Daniel Ahmed Omar Kevin Marcus Tyrone Wei Raj Samuel "
    "Thomas Andre Victor Miguel Hector Paul Brian Darnell Ethan Isaac Nathan Eduardo Felipe Gregory"
).split()
LAST = (
    "Herrera Lopez Gonzalez Nguyen Patel Johnson Williams Brown Okafor Kowalski Schmidt Rossi Chen "
    "Kim Murphy O'Brien Jackson Washington Alvarez Mendoza Ramirez Castillo Novak Fischer Hughes "
    "Bennett Foster Price Reyes Ortiz Flores Sanders Coleman Jenkins Perry Russell Griffin Hayes Myers "
    "Ford Hamilton Graham Wallace Woods Cole West Jordan Owens Reynolds Ellis Harrison Gibson Mcdonald "
    "Cruz Marshall Gomez Dixon Ferguson Nichols Vargas Delacruz Abara Lindqvist Haddad Morales"
).split()
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
FUTURE_DATES = tuple(f"{m} {d}" for m in ("Nov.", "Dec.", "Jan.") for d in (3, 7, 9, 12, 15, 18, 21, 28))
MONTHS = ("June", "July", "August", "September", "October", "early October", "the spring", "last year")

# Pools shared by every subject; a subject's own pools are added to (or override) these.
GENERIC: dict[str, list[str]] = {
    "when": [
        "on {day}", "{day} morning", "late {day}", "on {day} afternoon", "earlier this week", "last week",
        "over the weekend", "in recent days", "on {day} night",
    ],
    "span": ["the past week", "the past two weeks", "a single weekend", "the past month", "three days"],
    "time_rel": ["days after", "a week after", "hours after", "weeks after", "less than a month after"],
    "judgment": [
        "unacceptable", "deeply troubling", "a necessary step", "long overdue", "reckless",
        "a betrayal of the public's trust", "a step in the right direction", "outrageous",
    ],
    "protest_verb": ["protest", "denounce", "demand answers about", "call attention to", "mourn"],
    "feel": [
        "was still in shock", "had not slept in two days", "felt abandoned by the system",
        "was trying to stay hopeful", "was angry more than anything", "did not know what to tell the kids",
    ],
    "source": [
        "court records", "a statement from {org}", "figures released by {org}", "{org}",
        "a spokesperson for {org}", "data obtained by the news organization",
        "people familiar with the matter",
    ],
    "sentence": [
        "{official} said {claim}.", "{claim_cap}, {official} said {when}.", '"{quote_c}" said {person_end}.',
        '"{quote} {quote_c}" {person} said.', "According to {source}, {numeric}.",
        "{numeric_cap}, according to {source}.", "{when_cap}, {group} {action}.", "{person} said {claim}.",
        "{org} did not immediately respond to a request for comment {when}.",
        "In a statement, {org} said {claim}.",
        "It was not immediately clear {unclear}.",
        "{group_cap} gathered {where} {when} to {protest_verb} {event}.",
        "Critics, including {person_end}, say {claim}.", "Asked about {issue}, {official} said {claim}.",
        "The case has drawn new attention to {issue} and {issue}.", "The family {feel}, {person} said.",
        "{next}", "{claim_cap}, {person} added.", "{official} called {event} {judgment}.",
        "{event_cap} came {time_rel} {other_event}.", "{bg}", "{person} said {claim}, and that {claim}.",
        '"{quote_c}" {official} said at a news conference {when}.', "{org} said {claim}.",
        "{official} told reporters that {claim}.", "By {day} evening, {claim}.",
    ],
}

SUBJECTS: list[dict] = [
    {
        "key": "ice-chicago",
        "dateline": "CHICAGO",
        "place": [
            "Little Village", "Pilsen", "Albany Park", "Brighton Park", "Back of the Yards", "Belmont Cragin",
            "Humboldt Park", "Gage Park", "Logan Square", "Cicero",
        ],
        "officials": [
            ("Brandon Keller", "Mayor", ""), ("Rosa Delgado", "Ald.", ""), ("JB Morrow", "Gov.", ""),
            ("Thomas Greer", "", "the acting director of ICE's Chicago field office"),
            ("Tricia Vance", "", "a Department of Homeland Security spokesperson"),
        ],
        "orgs": [
            ("U.S. Immigration and Customs Enforcement", "ICE"),
            ("the Department of Homeland Security", "DHS"),
            ("the Illinois Coalition for Immigrant and Refugee Rights", "the coalition"),
            ("the National Immigrant Justice Center", "the center"),
            ("Chicago Public Schools", "the district"),
            ("the Chicago Police Department", "police"),
        ],
        "roles": [
            "an immigration attorney", "a community organizer", "a pastor in {place}",
            "a volunteer with a rapid-response network", "a neighbor who saw the arrest",
            "a lawyer for the family", "a professor of immigration law at Loyola University",
            "a school counselor",
        ],
        "central_desc": [
            "a {age}-year-old roofer", "a {age}-year-old mother of three",
            "a {age}-year-old food truck owner",
            "a {age}-year-old day laborer", "a {age}-year-old high school senior",
            "a {age}-year-old landscaper",
            "a {age}-year-old church deacon", "a {age}-year-old construction worker",
        ],
        "group": [
            "federal agents", "immigration agents", "masked agents", "immigrant advocates", "family members",
            "neighbors", "protesters", "attorneys for the detainees", "community groups", "parents",
        ],
        "claim_subj": [
            "{group}", "{org_short}", "the family", "{central_short}", "agents", "the agency", "advocates",
            "the arrests", "{official_short}",
        ],
        "action": [
            "detained {obj} {where}", "took {obj} into custody {where}", "arrested {obj} {where}",
            "questioned {obj} {where}", "handcuffed {obj} {where}", "stopped {obj} {where}",
            "followed {obj} from {where}", "used pepper balls on a crowd {where}",
        ],
        "obj": [
            "a man", "two men", "a woman", "a teenager", "several day laborers", "a street vendor",
            "a father of two", "a U.S. citizen", "a couple",
        ],
        "where": [
            "outside a hardware store", "at a bus stop", "near an elementary school",
            "in a grocery store parking lot",
            "outside a church", "during a traffic stop", "in front of an apartment building", "at a car wash",
            "near a day care center", "outside the immigration court downtown", "on a side street in {place}",
        ],
        "event": [
            "the arrests", "the operation", "the raids", "the enforcement surge", "the detentions",
            "the crackdown", "the federal operation", "the immigration sweep",
            "the arrest of {central_short}",
        ],
        "other_event": [
            "a similar arrest in {other_place}", "a federal judge limited the use of force by agents",
            "the City Council passed an ordinance creating ICE-free zones",
            "agents fired tear gas in {other_place}",
            "the Department of Homeland Security announced more agents for the region",
        ],
        "issue": [
            "due process", "racial profiling", "the use of force by agents",
            "conditions at the Broadview facility",
            "access to lawyers", "the rights of U.S. citizens", "school attendance",
            "the role of local police",
        ],
        "vp": [
            "had left many families afraid to leave their homes",
            "were targeting people with no criminal record",
            "had not been told where {central_short} was being held",
            "would continue to enforce federal immigration law", "did not show a judicial warrant",
            "could not confirm how many people remained in custody",
            "had seen attendance drop at schools in {place}",
            "should not be cooperating with federal agents",
            "had filed a petition for release in federal court",
            "were arrested without a chance to call a lawyer",
            "had detained more than {num} people in the Chicago area since {month}",
            "would ask a federal judge to limit the use of tear gas",
            "had no criminal record and had lived in the country for {years} years",
            "were wearing masks and did not identify themselves",
            "had been held for days in a crowded room with little food",
            "would not comment on individual cases",
            "planned to hold a vigil outside the facility on {day}", "was being held without bond",
            "had been moved to a detention center in {far}", "had a pending asylum case",
        ],
        "quote": [
            "People are scared to go to work, scared to take their kids to school.",
            "We are not going to let our neighbors disappear without a fight.",
            "This is a targeted operation against dangerous criminal aliens.",
            "He was just buying paint. He had nothing to hide.",
            "They didn't show any warrant. They just grabbed him.",
            "Our job is to enforce the law, and that is what our officers are doing.",
            "Nobody told the family anything for almost two days.",
            "This is what fear looks like in our community.",
            "Every person has the right to a lawyer, and that right is being ignored.",
            "I watched them put him in an unmarked car.",
            "The city will not use its police to help with civil immigration enforcement.",
            "Our kids should be thinking about math tests, not about whether their parents will be home.",
            "We've had calls all night from people asking what their rights are.",
            "It felt like a military operation on a residential street.",
        ],
        "numeric": [
            "{num} people were detained in {place} and nearby neighborhoods over {span}",
            "at least {num} people were being held at the Broadview processing center as of {day}",
            "the rapid-response hotline received {num} calls in {span}",
            "about {pct} percent of students at schools in {place} were absent on {day}",
            "agents made {num} arrests in the Chicago area in {span}, most of them people with no "
            "criminal record",
        ],
        "unclear": [
            "where {central_short} was being held", "how many agents took part in the operation",
            "whether any of those detained had criminal records", "whether the agents had a warrant",
            "when the operation would end",
        ],
        "next": [
            "A hearing on the petition is scheduled for {date}.",
            "The City Council is expected to vote on an ordinance limiting cooperation with federal agents "
            "on {date}.",
            "Advocates said they would hold a news conference outside the Broadview facility on {date}.",
            "{org} said it would release more details about the operation next week.",
            "A federal judge ordered the government to respond by {date}.",
        ],
        "bg": [
            "The Trump administration began its enforcement surge in the Chicago area in September, sending "
            "hundreds of agents to the region and setting up a processing center in suburban Broadview.",
            "Illinois law bars local police from helping with civil immigration enforcement, and Chicago has "
            "been a sanctuary city for decades.",
            "Federal officials have said the operation targets people with criminal records, but court "
            "filings "
            "show that most of those detained had none.",
        ],
        "lede": [
            "{group_cap} {action} in {place} {when}, {consequence}.",
            "{central_full} was on {central_poss} way to work {when} when {group} {action2} in {place}, "
            "{consequence}.",
        ],
        "action2": ["detained {central_pron}", "stopped {central_pron}", "took {central_pron} into custody"],
        "consequence": [
            "prompting neighbors to gather and film the arrest",
            "the latest in a series of arrests that have rattled the neighborhood",
            "according to family members and witnesses",
            "leaving {central_poss} family scrambling to find a lawyer",
            "drawing a crowd of protesters within minutes", "advocates said",
        ],
        "far": ["Indiana", "Kentucky", "Louisiana", "Texas", "Wisconsin"],
        "title": [
            "Immigration agents detain {central_short_name} in {place}, family says",
            "{place} on edge after ICE arrests",
            "Family of {central_full} demands answers after ICE detention",
            "Advocates say ICE operation in {place} swept up people with no records",
            "Federal agents arrest {central_desc_plain} in {place}",
        ],
    },
    {
        "key": "wildfire",
        "dateline": "RIVERSIDE, Calif.",
        "story_vars": {
            "fire": [
                "Sage Fire", "Juniper Fire", "Hollow Fire", "Mesa Fire", "Pinecrest Fire", "Cottonwood Fire",
                "Red Rock Fire", "Bluebird Fire", "Canyon Creek Fire", "Horse Flats Fire", "Granite Fire",
                "Willow Fire", "Oak Glen Fire", "Coyote Fire",
            ],
        },
        "place": [
            "Hemet", "Banning", "Idyllwild", "Anza", "Aguanga", "Mountain Center", "Cherry Valley",
            "Beaumont",
            "Lake Elsinore", "Sage",
        ],
        "officials": [
            ("Dana Whitfield", "Cal Fire Battalion Chief", ""),
            ("Chad Bianco", "Riverside County Sheriff", ""),
            ("Karen Spiegel", "County Supervisor", ""), ("Gavin Holt", "Gov.", ""),
            ("Luis Ochoa", "", "a spokesperson for the Riverside County Fire Department"),
        ],
        "orgs": [
            ("the California Department of Forestry and Fire Protection", "Cal Fire"),
            ("the Riverside County Sheriff's Office", "the sheriff's office"),
            ("Southern California Edison", "Edison"), ("the National Weather Service", "the weather service"),
            ("the American Red Cross", "the Red Cross"), ("the U.S. Forest Service", "the Forest Service"),
        ],
        "roles": [
            "a retired teacher who lives in {place}", "a rancher", "a volunteer at the evacuation center",
            "a fire ecologist at the University of California, Riverside", "the owner of a feed store",
            "a nurse who fled with her two dogs", "a local pastor", "an insurance broker",
        ],
        "central_desc": [
            "a {age}-year-old horse owner", "a {age}-year-old retiree", "a {age}-year-old father of two",
            "a {age}-year-old vineyard worker", "a {age}-year-old veteran", "a {age}-year-old schoolteacher",
        ],
        "group": [
            "firefighters", "crews", "residents", "evacuees", "deputies", "air tankers", "hand crews",
            "utility workers", "volunteers", "homeowners",
        ],
        "claim_subj": [
            "{group}", "{org_short}", "the {fire}", "the fire", "{official_short}", "officials",
            "forecasters",
            "{central_short}",
        ],
        "action": [
            "cut containment lines {where}", "dropped retardant {where}", "ordered evacuations {where}",
            "went door to door {where}", "protected homes {where}", "set backfires {where}",
            "shut down Highway 74 {where}", "cleared brush {where}",
        ],
        "where": [
            "along the ridge above {place}", "near the Soboba reservation", "on the east flank of the fire",
            "in steep terrain south of {place}", "along Highway 243", "near a mobile home park",
            "on the edge of the San Jacinto Mountains", "in canyons north of {place}",
            "near the county fairgrounds",
        ],
        "event": [
            "the {fire}", "the fire", "the evacuations", "the blaze", "the power shutoffs", "the firefight",
            "the destruction", "the evacuation orders",
        ],
        "other_event": [
            "a heat wave pushed temperatures above 105 degrees", "the {other_fire} burned thousands of acres",
            "Edison cut power to thousands of customers", "Santa Ana winds returned to the region",
            "the state declared an emergency in the county",
        ],
        "issue": [
            "evacuation warnings", "utility equipment", "insurance coverage", "brush clearance",
            "firefighter staffing", "emergency alerts", "housing in fire-prone areas", "air quality",
        ],
        "vp": [
            "had burned more than {num} acres by {day} evening", "was {pct} percent contained",
            "had destroyed at least {num} homes and outbuildings", "would keep evacuation orders in place",
            "did not know whether {central_poss} house was still standing", "had started near a power line",
            "could spread east if the winds picked up", "had warned of critical fire weather all week",
            "were still working to reach hot spots in steep terrain",
            "had received the evacuation alert only minutes before the flames arrived",
            "would reopen the highway once crews cleared fallen trees", "had lost power for more than a day",
            "was still under investigation", "had moved dozens of horses to the fairgrounds",
            "would need weeks to assess the damage", "had been told to leave with nothing but their pets",
            "were staying at an evacuation center in {place}", "did not cause the fire",
        ],
        "quote": [
            "We could see the glow over the hill and knew we had minutes.",
            "The wind is the problem. When it shifts, everything changes.",
            "I grabbed the photo albums and the dog and that was it.",
            "Our crews are exhausted, but they are holding the line.",
            "There was no alert on my phone. A deputy knocked on the door.",
            "We've lived here thirty years and never seen it come this fast.",
            "Everything we own is in that house.",
            "This is the kind of terrain where a fire can run uphill in seconds.",
            "We are asking people to leave when we tell them to leave.",
            "The smoke was so thick you couldn't see the end of the driveway.",
            "Insurance companies have been pulling out of this area for years.",
            "We're not out of the woods yet.",
        ],
        "numeric": [
            "the {fire} had burned {num} acres and was {pct} percent contained",
            "about {num} residents were under evacuation orders",
            "{num} firefighters were assigned to the blaze",
            "Edison had cut power to {num} customers in {span}",
            "{num} structures were destroyed and {num2} damaged",
        ],
        "unclear": [
            "what started the {fire}", "how many homes had burned", "when residents could return",
            "whether power lines played a role", "how long the highway would stay closed",
        ],
        "next": [
            "Evacuation orders for {place} remain in effect until at least {date}.",
            "A community meeting on the recovery is scheduled for {date} at the high school in {place}.",
            "Forecasters expect the winds to ease by {date}.",
            "{org} said it would release its findings on the cause once the investigation is complete.",
        ],
        "bg": [
            "Riverside County has seen several large fires this year after a wet winter produced heavy grass "
            "that dried out over a long, hot summer.",
            "Many homeowners in the mountain communities have lost their insurance in recent years as "
            "insurers pulled back from fire-prone areas of California.",
            "Southern California Edison has been blamed for several past fires and now cuts power during "
            "high winds to reduce the risk of sparking new ones.",
        ],
        "lede": [
            "The {fire} {fire_vp} near {place} {when}, {consequence}.",
            "{central_full} had only minutes to leave {central_poss} home in {place} {when} as the {fire} "
            "{fire_vp}, {consequence}.",
        ],
        "fire_vp": [
            "raced through dry brush", "jumped a highway", "spread across steep canyons", "exploded in size",
            "burned toward homes",
        ],
        "consequence": [
            "forcing thousands of residents to flee", "officials said",
            "destroying homes and threatening hundreds more",
            "as strong winds pushed flames toward the mountain towns", "closing roads and cutting power",
        ],
        "other_fire": ["Sage Fire", "Mesa Fire", "Hollow Fire", "Granite Fire"],
        "title": [
            "{fire} forces evacuations near {place}",
            "{fire} destroys homes as winds push flames toward {place}",
            "Residents flee {fire} in Riverside County", "Crews gain ground on {fire}, but winds loom",
            "'We had minutes': {place} residents describe fleeing the {fire}",
        ],
    },
    {
        "key": "nurses-strike",
        "dateline": "BOSTON",
        "story_vars": {
            "hospital": [
                "St. Anselm Medical Center", "Harbor General Hospital", "Mercy West Hospital",
                "Riverside Children's Hospital", "Bay State Regional Medical Center", "Saint Jude's Hospital",
                "Commonwealth Memorial Hospital", "North Shore Medical Center",
            ],
            "ceo": ["Richard Allston", "Denise Carrow", "Paul Whitmore", "Helen Marsh", "Gary Stroud"],
        },
        "place": [
            "Dorchester", "Brighton", "Roxbury", "Jamaica Plain", "Somerville", "Quincy", "Lynn", "Worcester",
            "Cambridge", "Salem",
        ],
        "officials": [
            ("Katie Moran", "Mayor", ""), ("Maura Healy", "Gov.", ""),
            ("Joan Kerrigan", "", "president of the Massachusetts Nurses Alliance"),
            ("Lauren Jones", "state Labor Secretary", ""),
        ],
        "orgs": [
            ("the Massachusetts Nurses Alliance", "the union"),
            ("the Massachusetts Health and Hospital Association", "the hospital association"),
            ("the state Department of Public Health", "the department"),
            ("the National Labor Relations Board", "the labor board"),
        ],
        "roles": [
            "an intensive care nurse", "a labor and delivery nurse",
            "an emergency room nurse with {years} years "
            "at the hospital", "a patient's daughter", "a health economist at Boston University",
            "a union organizer", "an oncology nurse", "a replacement nurse from Ohio",
        ],
        "central_desc": [
            "a {age}-year-old pediatric nurse", "a {age}-year-old ICU nurse",
            "a {age}-year-old nurse practitioner",
            "a {age}-year-old surgical nurse", "a {age}-year-old charge nurse",
        ],
        "group": [
            "nurses", "striking nurses", "union members", "hospital executives", "replacement nurses",
            "patients",
            "negotiators", "supporters", "doctors",
        ],
        "claim_subj": [
            "{group}", "{org_short}", "the hospital", "{hospital}", "{ceo}", "{official_short}", "management",
            "{central_short}",
        ],
        "action": [
            "walked off the job at {hospital}", "picketed outside {hospital} {where}", "rallied {where}",
            "returned to the bargaining table", "voted to authorize a strike at {hospital}",
            "marched {where}", "delivered a petition to hospital executives",
        ],
        "where": [
            "outside the main entrance", "along Longwood Avenue", "in front of the emergency department",
            "outside the State House", "near the parking garage", "in the freezing rain",
            "on the hospital lawn",
        ],
        "event": [
            "the strike", "the walkout", "the contract talks", "the lockout", "the staffing dispute",
            "the negotiations", "the picket lines",
        ],
        "other_event": [
            "talks broke down over staffing ratios", "a mediator was brought in",
            "nurses at {other_hospital} "
            "reached a deal", "the hospital announced a five-day lockout",
            "the union filed a complaint with the "
            "labor board",
        ],
        "issue": [
            "safe staffing", "nurse-to-patient ratios", "mandatory overtime", "wages",
            "retiree health benefits",
            "patient safety", "workplace violence", "the cost of replacement nurses",
        ],
        "vp": [
            "had been working without a contract since {month}",
            "would keep all units open during the strike",
            "were caring for too many patients at once",
            "had offered raises of {pct} percent over three years",
            "had spent millions on replacement nurses", "would return to the bargaining table on {day}",
            "had diverted ambulances to other hospitals", "could not afford the union's demands",
            "were told they would be locked out for five days", "had filed unfair labor practice charges",
            "would not schedule elective surgeries during the strike",
            "had lost experienced nurses to travel agencies",
            "were forced to work double shifts", "had no plans to return to talks this week",
            "would honor the picket line", "had not seen a staffing plan in writing",
        ],
        "quote": [
            "We're not asking for the moon. We're asking for enough nurses to keep patients safe.",
            "No nurse wants to strike. We are doing this for our patients.",
            "Our doors are open and our patients are being cared for.",
            "I've had shifts where I had six patients in the ICU. That's not safe.",
            "The union's proposal would cost the hospital tens of millions of dollars.",
            "We'll be out here as long as it takes.",
            "Every day we're short-staffed, someone waits too long for pain medication.",
            "We remain committed to reaching a fair agreement.",
            "My mother was in that hospital last winter, and the nurses were stretched thin.",
            "This is about whether we can keep experienced nurses at the bedside.",
        ],
        "numeric": [
            "about {num} nurses walked off the job at {hospital}",
            "the hospital had hired {num} replacement nurses at a cost of about ${num2} million",
            "{pct} percent of union members voted to authorize the strike",
            "{num} patients were transferred to other hospitals in {span}",
        ],
        "unclear": [
            "when talks would resume", "how much the strike was costing the hospital",
            "whether the lockout would go ahead", "how many patients had been transferred",
        ],
        "next": [
            "Negotiators are scheduled to meet again on {date}.",
            "The union said the strike would end at 7 a.m. on {date} unless a deal is reached sooner.",
            "A state mediator is expected to join the talks on {date}.",
            "{org} said it would hold a hearing on the complaint on {date}.",
        ],
        "bg": [
            "Massachusetts voters rejected a ballot question on nurse staffing ratios in 2018, and the "
            "issue has "
            "since moved to the bargaining table at individual hospitals.",
            "Hospitals across the state say they are still recovering financially from the pandemic and "
            "struggle to fill nursing jobs.",
        ],
        "lede": [
            "{group_cap} {action} {when}, {consequence}.",
            "About {n} nurses at {hospital} in {place} began a strike {when}, {consequence}.",
        ],
        "consequence": [
            "after months of failed talks over staffing", "the latest labor fight at a Boston-area hospital",
            "saying the hospital had refused to address unsafe staffing levels", "union officials said",
        ],
        "other_hospital": ["Mercy West Hospital", "Harbor General Hospital", "Saint Jude's Hospital"],
        "title": [
            "Nurses strike at {hospital} over staffing", "{hospital} nurses walk off the job",
            "Talks fail, nurses picket outside {hospital}", "Strike at {hospital} enters second day",
            "What the {hospital} nurses strike means for patients",
        ],
    },
    {
        "key": "school-books",
        "dateline": "HOUSTON",
        "story_vars": {
            "book": [
                "The Weight of Water", "Lantern Street", "Small Fires", "The Year We Left", "Paper Wings",
                "A River in the Dark", "Salt and Sky", "The Quiet Room", "Borrowed Light", "Northbound",
            ],
            "school": [
                "Cypress Ridge High School", "Mason Creek Middle School", "Bear Creek Elementary",
                "Langham Creek "
                "High School", "Hamilton Middle School", "Willow Park Junior High",
            ],
        },
        "place": [
            "Cypress", "Katy", "Tomball", "Jersey Village", "Spring", "Fulshear", "Hockley", "Waller",
        ],
        "officials": [
            ("Mark Delaney", "Superintendent", ""), ("Julie Hammond", "Board President", ""),
            ("Steve Toth", "state Rep.", ""), ("Angela Ruiz", "board trustee", ""),
            ("Kyle Benson", "", "a spokesperson for the district"),
        ],
        "orgs": [
            ("the Cypress Valley Independent School District", "the district"),
            ("the Texas Education Agency", "the TEA"), ("the American Library Association", "the ALA"),
            ("PEN America", "PEN America"), ("the Texas Freedom Network", "the network"),
            ("Moms for Liberty", "Moms for Liberty"),
        ],
        "roles": [
            "a school librarian", "a parent of two students in the district", "a high school junior",
            "an English teacher", "a retired principal", "a member of a parents' group",
            "a professor of education at the University of Houston", "a local author",
        ],
        "central_desc": [
            "a {age}-year-old librarian", "a {age}-year-old mother of three",
            "a {age}-year-old history teacher",
            "a {age}-year-old high school senior", "a {age}-year-old father and former trustee",
        ],
        "group": [
            "parents", "students", "librarians", "teachers", "trustees", "board members", "speakers",
            "residents", "critics of the policy", "supporters of the policy",
        ],
        "claim_subj": [
            "{group}", "{org_short}", "the board", "the district", "{official_short}", "the policy",
            "{central_short}",
        ],
        "action": [
            "packed a school board meeting {where}", "lined up to speak {where}", "held signs {where}",
            "read passages from {book} aloud {where}", "walked out of class {where}",
        ],
        "where": [
            "at the district's administration building", "in {place}", "outside the board room",
            "at the public library in {place}", "in the high school auditorium", "at {school}",
        ],
        "event": [
            "the vote", "the book removals", "the policy", "the new rules", "the meeting",
            "the review process",
            "the removal of {book}",
        ],
        "other_event": [
            "the state passed a law requiring ratings for library books",
            "a parent filed a complaint about {book}",
            "a neighboring district pulled dozens of titles", "the board rewrote its library policy",
            "librarians were told to close shelves for review",
        ],
        "issue": [
            "parental rights", "censorship", "the role of librarians", "age-appropriate material",
            "the First Amendment", "teacher morale", "who decides what students read",
        ],
        "vp": [
            "had removed {num} titles from school libraries since {month}",
            "would review every book in the collection",
            "were never given a chance to weigh in", "had followed state law",
            "would challenge the policy in court",
            "did not read the books before voting", "had received complaints from {num} parents",
            "could not say when the books would return", "were worried about losing their jobs",
            "had voted 4-3 to approve the policy", "would let parents opt their children out",
            "had been pulled from shelves at {school}",
            "were protecting children from sexually explicit material",
            "had never received a formal complaint about {book}",
            "would appeal to the Texas Education Agency",
        ],
        "quote": [
            "Parents have a right to know what their children are reading.",
            "This is censorship, plain and simple.",
            "I've been a librarian for twenty years and I've never seen anything like this.",
            "Nobody is banning books. We are deciding what belongs in a school library.",
            "My daughter found herself in that book.",
            "Teachers are afraid to put anything on their shelves now.",
            "We followed the law and the process the board adopted.",
            "If you don't like a book, don't let your kid read it. Don't decide for mine.",
            "The board listened to a few loud voices.", "We'll keep showing up until they listen.",
        ],
        "numeric": [
            "{num} books were pulled from district libraries in {span}",
            "{num} people signed up to speak at the meeting",
            "the district spent about ${num}000 on the review",
            "{pct} percent of the challenged books were written by authors of color",
        ],
        "unclear": [
            "how many books would be reviewed", "who filed the complaints", "when the review would end",
            "whether the policy applied to classroom libraries",
        ],
        "next": [
            "The board is scheduled to take up the policy again on {date}.",
            "A lawsuit challenging the removals is set for a hearing on {date}.",
            "The district said a review committee would meet for the first time on {date}.",
        ],
        "bg": [
            "Texas passed a law in 2023 requiring book vendors to rate library books for sexual content, a "
            "measure that was partly blocked by a federal judge.",
            "School districts across Texas have removed hundreds of titles from libraries in the past "
            "three years, "
            "according to PEN America.",
        ],
        "lede": [
            "{group_cap} {action} {when}, {consequence}.",
            "The board of the Cypress Valley Independent School District voted {when} to pull {book} from "
            "library shelves at {school}, {consequence}.",
        ],
        "consequence": [
            "the latest fight over what students can read", "after a heated meeting that ran past midnight",
            "over the objections of librarians and students", "as a new state law takes effect",
        ],
        "title": [
            "Board pulls '{book}' from {school} library", "{place} parents split over book removals",
            "Students protest removal of '{book}'", "District's book review draws packed meeting",
            "What to know about the book fight in {place}",
        ],
    },
    {
        "key": "corruption-trial",
        "dateline": "SPRINGFIELD, Ill.",
        "story_vars": {
            "scheme": [
                "a $250,000 consulting contract", "a parking garage deal", "a state lobbying contract",
                "a no-show job for a relative", "a highway construction bid", "a cannabis license",
                "a hospital expansion permit", "a riverboat casino license",
            ],
        },
        "place": [
            "Springfield", "Peoria", "Decatur", "Champaign", "Bloomington", "Rockford", "Joliet", "Quincy",
        ],
        "officials": [
            ("Raymond Vance", "former state Sen.", ""), ("Ellen Sato", "U.S. District Judge", ""),
            ("Daniel Pruitt", "Assistant U.S. Attorney", ""),
            ("Marcus Hale", "", "Vance's lead defense attorney"),
            ("Gina Treadwell", "", "a former Vance chief of staff"),
        ],
        "orgs": [
            ("the U.S. Attorney's Office", "prosecutors"), ("the FBI", "the FBI"),
            ("the Illinois Senate", "the Senate"), ("Commonwealth Edison", "ComEd"),
            ("the Illinois Department of Transportation", "IDOT"),
        ],
        "roles": [
            "a former lobbyist", "a developer from {place}", "a former Senate staff member", "an FBI agent",
            "a former business partner of Vance's", "a legal analyst at Northwestern University",
            "an accountant who handled Vance's campaign fund",
        ],
        "central_desc": [
            "a {age}-year-old former lobbyist", "a {age}-year-old real estate developer",
            "a {age}-year-old former Senate aide", "a {age}-year-old FBI special agent",
            "a {age}-year-old contractor",
        ],
        "group": [
            "prosecutors", "defense attorneys", "jurors", "witnesses", "FBI agents", "lobbyists",
            "lawmakers", "courtroom observers",
        ],
        "claim_subj": [
            "{group}", "{org_short}", "Vance", "the defense", "{official_short}", "the government",
            "{central_short}",
        ],
        "action": [
            "played secretly recorded phone calls for jurors", "questioned {central_short} for hours",
            "showed jurors emails about {scheme}", "objected repeatedly", "finished their case",
        ],
        "where": [
            "in federal court in Springfield", "in the courtroom", "outside the courthouse", "during a break",
        ],
        "event": [
            "the trial", "the testimony", "the recordings", "the case", "the scheme", "the bribery trial",
            "the cross-examination",
        ],
        "other_event": [
            "the judge denied a defense motion to dismiss", "a former aide pleaded guilty",
            "the jury was seated", "prosecutors played the first recordings",
            "Vance resigned from the Senate",
        ],
        "issue": [
            "political corruption", "lobbying rules", "campaign finance", "public trust",
            "the credibility of cooperating witnesses", "the limits of the federal bribery law",
        ],
        "vp": [
            "had arranged {scheme} in exchange for votes", "never asked for anything in return",
            "was cooperating with the government in hopes of a lighter sentence",
            "had lied to the FBI in 2021",
            "would call {num} more witnesses", "had steered {scheme} to a friend",
            "were shown bank records totaling ${num}000", "could not remember the details of the meeting",
            "had recorded dozens of calls for the FBI", "was simply doing his job as a legislator",
            "had paid for a family vacation", "would rest its case by {day}", "had been granted immunity",
            "did not know the contract was improper", "had met Vance at a steakhouse in {place}",
        ],
        "quote": [
            "That's how things got done in Springfield.", "I was told to keep my mouth shut.",
            "He never asked me for a dime.", "The recordings speak for themselves.",
            "The government's star witness is a man who lied to save himself.",
            "I knew it was wrong, and I did it anyway.", "This case is about a senator who sold his office.",
            "I don't recall.", "We're confident the jury will see through this.",
        ],
        "numeric": [
            "Vance's campaign fund received ${num}000 from the developer in {span}",
            "prosecutors have listed {num} possible witnesses",
            "the trial is expected to last {num2} weeks",
            "the charges carry up to {num2} years in prison",
        ],
        "unclear": [
            "whether Vance would testify", "how long the jury would deliberate",
            "whether other lawmakers were under investigation",
        ],
        "next": [
            "Testimony resumes {date}.", "The defense is expected to begin its case on {date}.",
            "Closing arguments are scheduled for {date}.",
        ],
        "bg": [
            "Vance, a Democrat from Springfield, served in the Illinois Senate for 18 years and chaired its "
            "transportation committee before he resigned in 2023.",
            "He has pleaded not guilty to bribery, wire fraud and conspiracy charges.",
        ],
        "lede": [
            "{central_full} told jurors {when} that {claim}, {consequence}.",
            "{group_cap} {action} {when} in the corruption trial of former state Sen. Raymond Vance, "
            "{consequence}.",
        ],
        "consequence": [
            "the most damaging testimony yet in the bribery trial of former state Sen. Raymond Vance",
            "as the government's case entered its second week", "a key moment in the closely watched trial",
        ],
        "title": [
            "Witness says Vance arranged {scheme}",
            "Vance trial: {central_short_name} testifies about {scheme}",
            "Jurors hear recordings in Vance bribery trial", "Defense attacks key witness in Vance trial",
        ],
    },
]

# -- outlets ---------------------------------------------------------------------------------------

OUTLETS = [
    # slug, name, region (own dateline), in-text boilerplate kinds, footer kinds, British spelling
    ("lakeshore-ledger", "Lakeshore Ledger", "MILWAUKEE", ("readmore", "newsletter", "photo"), ("copyright",),
     False),
    ("valley-star", "The Valley Star", "FRESNO, Calif.", ("ad", "related"), ("tips",), False),
    ("capitol-herald", "Capitol Herald", "ALBANY, N.Y.", ("newsletter", "subscribe"), ("copyright",), False),
    ("harbor-gazette", "Harbor Gazette", "PORTLAND, Maine", ("photo", "readmore", "app"), (), False),
    ("metro-daily", "Metro Daily", "NEW YORK", ("ad", "newsletter", "readmore"), ("tips",), False),
    ("pacific-tribune", "Pacific Tribune", "SEATTLE", ("related", "photo"), ("copyright",), False),
    ("northern-post", "The Northern Post", "MINNEAPOLIS", ("listen", "newsletter"), (), False),
    ("london-chronicle", "London Chronicle", "LONDON", ("related", "photo"), ("copyright",), True),
    ("kxtv-news", "KXTV News", "SACRAMENTO, Calif.", ("app", "ad", "follow"), (), False),
    ("public-radio", "Public Radio Network", "WASHINGTON", ("subscribe", "listen"), ("tips",), False),
    ("newshub", "NewsHub", "", (), (), False),  # aggregator: runs wire copy as delivered
    ("state-report", "The State Report", "AUSTIN, Texas", ("newsletter", "subscribe"), ("copyright",), False),
    ("mountain-journal", "Mountain Journal", "DENVER", ("readmore", "ad"), (), False),
    ("gulf-courier", "Gulf Courier", "NEW ORLEANS", ("photo", "newsletter", "related"), ("tips",), False),
    ("toronto-sentinel", "Toronto Sentinel", "TORONTO", ("readmore", "subscribe"), ("copyright",), True),
    ("plains-dispatch", "Plains Dispatch", "OMAHA, Neb.", ("follow", "readmore"), (), False),
]
NEWSLETTERS = ("Morning Brief", "Daily Digest", "Evening Edition", "Politics Report", "Weekend Reads")
AGENCIES = ("Getty Images", "AP Photo", "Reuters", "staff photographer", "for the Ledger")

# (pattern, replacement) word changes copy editors make; applied to a few random occurrences.
WORD_CHANGES = [
    (r"\bsaid\.", "told reporters."), (r"\bsaid\b", "says"), (r"\bmore than\b", "over"),
    (r"\babout\b", "roughly"),
    (r"\bpeople\b", "residents"),
    (r"\bon (Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b", r"\1"),
    (r"\bbecause\b", "as"), (r"\bafter\b", "following"), (r"\bhad\b", "has"), (r"\bwould\b", "will"),
    (r"\bofficials\b", "authorities"), (r"\bsaid\b", "said in an interview"),
]
BRITISH = [(r"\bpercent\b", "per cent"), (r"\bneighborhoods?\b", "neighbourhood"), (r"\bcenter\b", "centre"),
           (r"\blabor\b", "labour"), (r"\bprogram\b", "programme")]


# claim subjects that take "were" (the rest take "was")
PLURAL_SUBJECTS = {"{group}", "agents", "advocates", "the arrests", "officials", "forecasters", "prosecutors"}

# -- stories ---------------------------------------------------------------------------------------

@dataclass
class Person:
    name: str
    title: str = ""
    appositive: str = ""
    female: bool = False

    @property
    def short(self) -> str:
        return self.name.split()[-1]


@dataclass
class Story:
    """One piece of reporting: the wire version's paragraphs and its specifics."""

    sid: int
    subject: dict
    wire: str
    title: str
    paras: list[str]
    credit: list[str]
    dateline: str
    fill: object = None  # the story's Filler, for local paragraphs added by outlets


@dataclass
class Doc:
    """One stored article: a copy of a story at one outlet."""

    did: int
    sid: int
    subject: str
    outlet: str
    title: str
    text: str
    edits: list[str] = field(default_factory=list)


def _name(rng: random.Random) -> tuple[str, bool]:
    female = rng.random() < 0.5
    return f"{rng.choice(FEMALE if female else MALE)} {rng.choice(LAST)}", female


class Filler:
    """Fills ``{slot}`` templates from the subject's pools, the generic pools and story specifics."""

    _SLOT = re.compile(r"\{(\w+)\}")

    def __init__(self, rng: random.Random, subject: dict, specifics: dict[str, str], people: list[Person],
                 central: Person) -> None:
        self.rng, self.subject, self.specifics = rng, subject, specifics
        self.people, self.central = people, central
        self.mentioned: set[str] = set()
        self.officials = [Person(n, t, a, n.split()[0] in FEMALE) for n, t, a in subject["officials"]]

    def pool(self, name: str) -> list[str]:
        if name in self.subject:
            return self.subject[name]
        return GENERIC[name]

    def ref(self, person: Person, end: bool = False) -> str:
        if person.name in self.mentioned:
            return person.short
        self.mentioned.add(person.name)
        if person.title:
            return f"{person.title} {person.name}"
        return f"{person.name}, {person.appositive}" + ("" if end else ",")

    def org(self, short: bool = False) -> str:
        full, abbrev = self.rng.choice(self.subject["orgs"])
        if short or full in self.mentioned:
            return abbrev
        self.mentioned.add(full)
        return full

    def slot(self, name: str) -> str:
        rng = self.rng
        if name.endswith("_cap"):
            value = self.slot(name[:-4])
            return value[:1].upper() + value[1:]
        if name in self.specifics:
            return self.specifics[name]
        if name == "official":
            return self.ref(rng.choice(self.officials))
        if name == "official_short":
            return rng.choice(self.officials).short
        if name in ("person", "person_end"):
            return self.ref(rng.choice([*self.people, self.central]), end=name == "person_end")
        if name == "central_full":
            return self.ref(self.central)
        if name == "central_short":
            return self.ref(self.central)
        if name == "org":
            return self.org()
        if name == "org_short":
            return self.org(short=True)
        if name == "quote_c":  # a quote followed by its attribution ends with a comma
            quote = self.fill(rng.choice(self.pool("quote")))
            return quote[:-1] + "," if quote.endswith(".") else quote
        if name == "claim":
            subject = rng.choice(self.pool("claim_subj"))
            vp = self.fill(rng.choice(self.pool("vp")))
            if subject in PLURAL_SUBJECTS:
                vp = re.sub(r"^was\b", "were", vp)
            else:
                vp = re.sub(r"^were\b", "was", vp)
            return f"{self.fill(subject)} {vp}"
        if name in ("num", "num2"):
            return str(rng.choice([rng.randint(2, 40), rng.randint(40, 400), rng.randint(400, 5000)]))
        if name == "pct":
            return str(rng.randint(3, 95))
        if name == "years":
            return str(rng.randint(3, 30))
        if name == "age":
            return str(rng.randint(19, 78))
        if name == "date":
            return rng.choice(FUTURE_DATES)
        if name == "month":
            return rng.choice(MONTHS)
        if name == "bg":  # a reused background paragraph, at most once per story
            unused = [b for b in self.subject["bg"] if b not in self.mentioned]
            if not unused:
                return self.fill("{official} said {claim}.")
            self.mentioned.add(choice := rng.choice(unused))
            return choice
        if name == "other_place":
            return rng.choice([p for p in self.subject["place"] if p != self.specifics["place"]])
        return self.fill(rng.choice(self.pool(name)))

    def sentence(self, template: str) -> str:
        text = self.fill(template)
        return text[:1].upper() + text[1:]

    def fill(self, template: str) -> str:
        text = self._SLOT.sub(lambda m: self.slot(m.group(1)), template)
        return text.replace(",.", ".").replace(",,", ",")


def make_story(rng: random.Random, sid: int, subject: dict, wire: str) -> Story:
    """A story of 300-900 words: lede, then paragraphs of 1-3 sentences from the subject's grammar."""
    central_name, central_female = _name(rng)
    central = Person(central_name, "", "", central_female)
    desc = subject["central_desc"]
    central_desc = rng.choice(desc).replace("{age}", str(rng.randint(19, 78)))
    central.appositive = central_desc
    specifics = {
        "place": rng.choice(subject["place"]),
        "day": rng.choice(WEEKDAYS),
        "n": str(rng.randint(40, 2000)),
        "central_pron": "her" if central_female else "him",
        "central_poss": "her" if central_female else "his",
        "central_short_name": central.short,
        "central_desc_plain": central_desc,
    }
    for var, options in subject.get("story_vars", {}).items():
        specifics[var] = rng.choice(options)
    people = []
    for _ in range(rng.randint(2, 4)):
        name, female = _name(rng)
        people.append(Person(name, "", "", female))
    filler = Filler(rng, subject, specifics, people, central)
    for person in people:
        person.appositive = filler.fill(rng.choice(subject["roles"]))
    title = filler.fill(rng.choice(subject["title"]))
    filler.mentioned.clear()
    target = rng.randint(320, 800)
    paras = [filler.sentence(rng.choice(subject["lede"]))]
    background = rng.random() < 0.4
    words = word_count(paras[0])
    while words < target:
        n = rng.choices((1, 2, 3), (0.45, 0.4, 0.15))[0]
        para = " ".join(filler.sentence(rng.choice(GENERIC["sentence"])) for _ in range(n))
        if background and words > target * 0.4:
            para, background = filler.fill("{bg}"), False
        paras.append(para)
        words += word_count(para)
    dateline, credit = subject["dateline"], []
    if wire == "AP":
        if rng.random() < 0.5:
            credit.append(
                f"Associated Press writer {_name(rng)[0]} in Washington contributed to this report."
            )
    elif wire == "Reuters":
        credit.append(f"(Reporting by {_name(rng)[0]} in {dateline.split(',')[0].title()}; Editing by "
                      f"{_name(rng)[0]} and {_name(rng)[0]})")
    else:
        credit.append(f"This story was originally published by {wire} and is republished under a Creative "
                      "Commons license.")
    return Story(sid, subject, wire, title, paras, credit, dateline, filler)


def wire_dateline(story: Story) -> str:
    if story.wire == "AP":
        return f"{story.dateline} (AP) — "
    if story.wire == "Reuters":
        return f"{story.dateline.split(',')[0]}, Nov 4 (Reuters) - "
    return ""


# -- edits -----------------------------------------------------------------------------------------

@dataclass
class Draft:
    """A copy being edited: kicker lines, body paragraphs (first one with the dateline), tail lines."""

    head: list[str]
    lede_prefix: str
    body: list[str]
    tail: list[str]

    def text(self) -> str:
        body = list(self.body)
        body[0] = self.lede_prefix + body[0]
        return "\n\n".join([*self.head, *body, *self.tail])


def wire_draft(story: Story) -> Draft:
    return Draft([], wire_dateline(story), list(story.paras), list(story.credit))


def edit_strip_dateline(rng, draft, story, outlet):
    draft.lede_prefix = ""
    return "dateline stripped"


def edit_own_dateline(rng, draft, story, outlet):
    draft.lede_prefix = f"{outlet[2] or story.dateline} — "
    return "own dateline"


def edit_kicker(rng, draft, story, outlet):
    draft.head.insert(0, rng.choice([
        "BREAKING", "Listen to this article · 4 min", "Updated Nov. 4, 2026, 5:12 p.m. ET",
        f"{story.subject['key'].split('-')[0].upper()} | {outlet[1]}", "Share this article", "EXCLUSIVE",
    ]))
    return "kicker line"


def edit_trim_lede(rng, draft, story, outlet):
    lede = draft.body[0].rstrip(".")
    cut = lede.rfind(", ")
    if cut > len(lede) // 3:
        draft.body[0] = lede[:cut] + "."
    else:
        words = lede.split()
        draft.body[0] = " ".join(words[: max(8, len(words) * 2 // 3)]) + "."
    return "lede trimmed"


def edit_drop_end(rng, draft, story, outlet, count=None):
    count = count or rng.choice((1, 2))
    del draft.body[-count:]
    return f"{count} para dropped at end"


def edit_add_end(rng, draft, story, outlet, count=None):
    count = count or rng.choice((1, 2))
    filler = story.fill
    for _ in range(count):
        if rng.random() < 0.3:
            region = outlet[2].split(",")[0].title() or "the region"
            para = f"In {region}, {filler.fill('{claim}')}. "
            para += filler.sentence(rng.choice(GENERIC["sentence"]))
        elif rng.random() < 0.2:
            para = filler.fill("Editor's note: This story has been updated with comment from {org}.")
        else:
            sentences = [rng.choice(GENERIC["sentence"]) for _ in range(rng.randint(1, 3))]
            para = " ".join(filler.sentence(s) for s in sentences)
        draft.body.append(para)
    return f"{count} para added at end"


def boilerplate_line(
    rng: random.Random, story: Story, outlet: tuple, kind: str, other_titles: list[str]
) -> str:
    name = outlet[1]
    newsletter = NEWSLETTERS[sum(map(ord, outlet[0])) % len(NEWSLETTERS)]
    if kind == "readmore":
        return f"Read more: {rng.choice(other_titles)}"
    if kind == "related":
        return f"RELATED: {rng.choice(other_titles)}"
    if kind == "newsletter":
        return (f"Sign up for {newsletter}, {name}'s free newsletter with the day's top stories, "
                "delivered to your inbox every weekday morning.")
    if kind == "ad":
        return rng.choice(["Advertisement", "Story continues below advertisement"])
    if kind == "photo":
        caption = story.fill.fill("{group_cap} {where} on {day}.")
        return f"{caption} (Photo: {_name(rng)[0]}/{rng.choice(AGENCIES)})"
    if kind == "subscribe":
        return f"Support local journalism: subscribe to {name} for $1 a week."
    if kind == "app":
        return f"Download the {name} app for breaking news alerts."
    if kind == "listen":
        return "Listen to this article"
    if kind == "follow":
        return f"Follow {name} on Facebook, Instagram and X for more stories like this."
    raise ValueError(kind)


def edit_boilerplate(rng, draft, story, outlet, count=None, other_titles=("Other news",)):
    kinds = outlet[3] or ("readmore",)
    count = count or rng.randint(1, 3)
    for _ in range(count):
        line = boilerplate_line(rng, story, outlet, rng.choice(kinds), list(other_titles))
        position = rng.randint(1, max(1, len(draft.body) - 1))
        draft.body.insert(position, line)
    return f"boilerplate {count} line(s)"


def edit_footer(rng, draft, story, outlet):
    added = 0
    for kind in outlet[4]:
        if kind == "copyright":
            draft.tail.append(f"© 2026 {outlet[1]}. All rights reserved.")
        elif kind == "tips":
            draft.tail.append(f"Have a news tip? Email the newsroom at tips@{outlet[0]}.com.")
        added += 1
    if story.wire == "AP" and rng.random() < 0.4:
        draft.tail.append("Copyright 2026 The Associated Press. All rights reserved. This material may "
                          "not be published, broadcast, rewritten or redistributed without permission.")
        added += 1
    return f"footer {added} line(s)" if added else None


def edit_drop_credit(rng, draft, story, outlet):
    if not draft.tail:
        return None
    draft.tail = [line for line in draft.tail if line not in story.credit]
    return "wire credit dropped"


def _apply_word_changes(rng: random.Random, text: str, count: int, changes: list) -> tuple[str, int]:
    done = 0
    for _ in range(count * 4):
        if done == count:
            break
        pattern, replacement = rng.choice(changes)
        matches = list(re.finditer(pattern, text))
        if not matches:
            continue
        m = rng.choice(matches)
        text = text[: m.start()] + m.expand(replacement) + text[m.end():]
        done += 1
    return text, done


def _typos(rng: random.Random, text: str, count: int) -> str:
    words = list(re.finditer(r"[A-Za-z]{5,}", text))
    for m in sorted(rng.sample(words, min(count, len(words))), key=lambda m: -m.start()):
        w = m.group(0)
        i = rng.randint(1, len(w) - 2)
        kind = rng.randint(0, 2)
        if kind == 0:
            w = w[:i] + w[i + 1] + w[i] + w[i + 2:]
        elif kind == 1:
            w = w[:i] + w[i + 1:]
        else:
            w = w[:i] + w[i] + w[i:]
        text = text[: m.start()] + w + text[m.end():]
    return text


def restyle(text: str) -> str:
    """Punctuation and spacing only (curly quotes, dashes): the normalized text does not change."""
    text = re.sub(r'"(\w)', "\u201c\\1", text)
    text = text.replace('"', "\u201d").replace(" — ", " -- ").replace("'", "\u2019")
    return text.replace(". ", ".  ")


def make_copy(rng: random.Random, did: int, story: Story, outlet: tuple, other_titles: list[str]) -> Doc:
    """One outlet's copy of a story, with a random, realistic mix of edits."""
    title = story.title
    edits: list[str] = []
    if rng.random() < 0.65:
        title = story.fill.fill(rng.choice(story.subject["title"]))
        edits.append("headline rewritten")
    draft = wire_draft(story)
    if outlet[0] == "newshub" or rng.random() < 0.1:
        # run as delivered (an aggregator, or a site that takes the wire feed as is)
        text = restyle(draft.text())
        return Doc(did, story.sid, story.subject["key"], outlet[0], title, text, [*edits, "verbatim"])
    r = rng.random()
    if r < 0.3:
        edits.append(edit_strip_dateline(rng, draft, story, outlet))
    elif r < 0.45:
        edits.append(edit_own_dateline(rng, draft, story, outlet))
    if rng.random() < 0.15:
        edits.append(edit_kicker(rng, draft, story, outlet))
    if rng.random() < 0.2:
        edits.append(edit_trim_lede(rng, draft, story, outlet))
    if rng.random() < 0.45:
        edits.append(edit_drop_end(rng, draft, story, outlet))
    if rng.random() < 0.25:
        edits.append(edit_add_end(rng, draft, story, outlet))
    if outlet[3] and rng.random() < 0.85:
        edits.append(edit_boilerplate(rng, draft, story, outlet, other_titles=other_titles))
    if rng.random() < 0.4:
        edits.append(edit_drop_credit(rng, draft, story, outlet))
    edits.append(edit_footer(rng, draft, story, outlet))
    text = draft.text()
    if outlet[5]:
        text, _ = _apply_word_changes(rng, text, 3, BRITISH)
        edits.append("british spelling")
    if rng.random() < 0.5:
        text, n = _apply_word_changes(rng, text, rng.randint(1, 4), WORD_CHANGES)
        edits.append(f"{n} word change(s)")
    if rng.random() < 0.25:
        n = rng.randint(1, 3)
        text = _typos(rng, text, n)
        edits.append(f"{n} typo(s)")
    return Doc(did, story.sid, story.subject["key"], outlet[0], title, text, [e for e in edits if e])


def build_dataset(seed: int) -> tuple[list[Story], list[Doc]]:
    """12 multi-outlet stories and 6 single-outlet stories per subject; docs in arrival order."""
    rng = random.Random(seed)
    stories: list[Story] = []
    wires = ("AP", "AP", "Reuters", "CalMatters", "ProPublica")
    for subject in SUBJECTS:
        for _ in range(18):
            stories.append(make_story(rng, len(stories), subject, rng.choice(wires)))
    titles = [s.title for s in stories]
    docs: list[Doc] = []
    multi = [s for s in stories if s.sid % 18 < 12]
    singles = [s for s in stories if s.sid % 18 >= 12]
    for story in multi:
        for outlet in rng.sample(OUTLETS, rng.randint(4, 6)):
            docs.append(make_copy(rng, 0, story, outlet, titles))
    for story in singles:
        docs.append(make_copy(rng, 0, story, rng.choice(OUTLETS), titles))
    # Arrival order: copies of a story arrive over hours, stories interleave.
    story_time = {s.sid: s.sid * 0.7 + rng.random() * 6 for s in stories}
    arrival = [story_time[d.sid] + rng.expovariate(1 / 3) for d in docs]
    docs = [d for _, d in sorted(zip(arrival, docs, strict=True), key=lambda pair: pair[0])]
    for i, doc in enumerate(docs):
        doc.did = i
    return stories, docs


# -- quality ---------------------------------------------------------------------------------------

def pairs_of(groups: dict[int, list[int]]) -> set[tuple[int, int]]:
    out = set()
    for members in groups.values():
        members = sorted(members)
        for i, a in enumerate(members):
            for b in members[i + 1:]:
                out.add((a, b))
    return out


def prf(predicted: set, truth: set) -> tuple[int, int, int, float, float, float]:
    tp = len(predicted & truth)
    fp, fn = len(predicted) - tp, len(truth) - tp
    p = tp / len(predicted) if predicted else 1.0
    r = tp / len(truth) if truth else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return tp, fp, fn, p, r, f


def run_pipeline(docs: list[Doc], settings: NearDupSettings, signatures: np.ndarray, tmp: Path) -> dict:
    """Every doc through the exact-hash then MinHash path on a real Store, in arrival order."""
    path = tmp / f"quality-{settings.threshold}-{settings.shingle_size}.db"
    store = Store.open(path)
    store.upsert_outlets({"slug": o[0], "name": o[1], "domain": f"{o[0]}.example"} for o in OUTLETS)
    ids: dict[int, int] = {}  # article id -> doc id
    accepted: list[tuple[int, int, str]] = []
    candidates_seen = 0
    cluster_of: dict[int, int] = {}  # doc id -> stored cluster_id
    same_outlet_merges = 0
    lookups: list[float] = []
    for doc in docs:
        signature = signatures[doc.did]
        digest = text_hash(doc.text)
        cluster_id = None
        copies = store.article_by_hash(digest)
        for copy in copies:
            accepted.append((doc.did, ids[copy["id"]], "exact"))
            if copy["outlet"] == doc.outlet:
                same_outlet_merges += 1
        if copies:
            cluster_id = copies[0]["cluster_id"]
        keys = band_keys(signature, settings)
        if not copies:
            t0 = time.perf_counter()
            found = store.near_duplicate_candidates(keys)
            lookups.append(time.perf_counter() - t0)
            candidates_seen += len(found)
            for cand in found:
                if estimated_jaccard(signature, signature_from_bytes(cand["signature"])) < settings.threshold:
                    continue
                accepted.append((doc.did, ids[cand["id"]], "near"))
                if cand["outlet"] == doc.outlet:
                    same_outlet_merges += 1  # the pipeline would drop the article as a duplicate
                if cluster_id is None:
                    cluster_id = cand["cluster_id"]
        article = Article(
            url=f"https://{doc.outlet}.example/{doc.did}", outlet=doc.outlet, title=doc.title, text=doc.text,
            word_count=word_count(doc.text), text_hash=digest, cluster_id=cluster_id,
        )
        article_id = store.insert_article(article, None)
        store.add_minhash(article_id, signature_to_bytes(signature), keys)
        ids[article_id] = doc.did
        cluster_of[doc.did] = article.cluster_id
    store.close()
    path.unlink()
    for suffix in ("-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    return {
        "accepted": accepted, "candidates": candidates_seen, "cluster_of": cluster_of,
        "same_outlet_merges": same_outlet_merges, "lookup_ms": statistics.median(lookups) * 1000,
    }


def union_find_clusters(n: int, pairs: list[tuple[int, int, str]]) -> dict[int, list[int]]:
    parent = list(range(n))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b, _ in pairs:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[ra] = rb
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(n):
        groups[find(i)].append(i)
    return groups


def estimated_matrix(signatures: np.ndarray) -> np.ndarray:
    n = len(signatures)
    out = np.zeros((n, n), dtype=np.float32)
    for i in range(n):
        out[i] = (signatures == signatures[i]).sum(axis=1) / signatures.shape[1]
    return out


def quality(docs: list[Doc], variants: list[tuple[float, int]], tmp: Path) -> tuple[str, list[dict]]:
    truth = pairs_of({sid: [d.did for d in docs if d.sid == sid] for sid in {d.sid for d in docs}})
    sigs: dict[int, np.ndarray] = {}
    est: dict[int, np.ndarray] = {}
    for _, k in variants:
        if k not in sigs:
            settings = NearDupSettings(shingle_size=k)
            sigs[k] = np.stack([minhash_signature(d.text, settings) for d in docs])
            est[k] = estimated_matrix(sigs[k])
    header = (f"{'threshold':>9} {'shingle':>7} {'bands':>6} {'cands':>6} {'accepted':>8} {'lsh-miss':>8} "
              f"{'pairs':>6} {'TP':>5} {'FP':>4} {'FN':>4} {'precision':>9} {'recall':>7} {'F1':>6} "
              f"{'cid-P':>6} {'cid-R':>6} {'R-noLSH':>7}")
    lines = [header, "-" * len(header)]
    results = []
    for threshold, k in variants:
        settings = NearDupSettings(threshold=threshold, shingle_size=k)
        out = run_pipeline(docs, settings, sigs[k], tmp)
        clusters = union_find_clusters(len(docs), out["accepted"])
        predicted = pairs_of(clusters)
        tp, fp, fn, p, r, f = prf(predicted, truth)
        by_cid: dict[int, list[int]] = defaultdict(list)
        for did, cid in out["cluster_of"].items():
            by_cid[cid].append(did)
        _, _, _, cp, cr, _ = prf(pairs_of(by_cid), truth)
        # pairs the threshold would accept (brute force over all earlier articles) but LSH never proposed
        direct = {(min(a, b), max(a, b)) for a, b, _ in out["accepted"]}
        exact_docs = {a for a, _, how in out["accepted"] if how == "exact"}
        m = est[k]
        brute = {(i, j) for j in range(len(docs)) if j not in exact_docs for i in range(j)
                 if m[i, j] >= threshold}
        miss = len(brute - direct)
        # recall had LSH proposed every pair above the threshold (the threshold's own ceiling)
        no_lsh = [(a, b, "brute") for a, b in brute] + [p for p in out["accepted"] if p[2] == "exact"]
        _, _, _, _, r_all, _ = prf(pairs_of(union_find_clusters(len(docs), no_lsh)), truth)
        bands, rows = settings.bands
        default = "  <- default" if settings == NearDupSettings() else ""
        lines.append(
            f"{threshold:>9.2f} {k:>7} {bands:>3}x{rows:<2} {out['candidates']:>6} {len(direct):>8} "
            f"{miss:>8} "
            f"{len(predicted):>6} {tp:>5} {fp:>4} {fn:>4} {p:>9.3f} {r:>7.3f} {f:>6.3f} {cp:>6.3f} {cr:>6.3f}"
            f" {r_all:>7.3f}{default}"
        )
        results.append({"threshold": threshold, "k": k, "p": p, "r": r,
                        "same_outlet": out["same_outlet_merges"], "lookup_ms": out["lookup_ms"]})
    return "\n".join(lines), results


def jaccard(a: set, b: set) -> float:
    return len(a & b) / len(a | b) if a or b else 1.0


def separation(docs: list[Doc]) -> str:
    """Exact shingle Jaccard of true pairs vs same-subject different-story pairs."""
    lines = []
    for k in (5, 3):
        sh = [shingles(d.text, k) for d in docs]
        true_j, neg_j = [], []
        for i, a in enumerate(docs):
            for j in range(i + 1, len(docs)):
                b = docs[j]
                if a.subject != b.subject:
                    continue
                (true_j if a.sid == b.sid else neg_j).append(jaccard(sh[i], sh[j]))
        tq = np.quantile(true_j, [0.05, 0.1, 0.25, 0.5])
        nq = np.quantile(neg_j, [0.5, 0.99])
        lines.append(
            f"{k}-word shingles: true pairs ({len(true_j)}) p5 {tq[0]:.2f} p10 {tq[1]:.2f} p25 {tq[2]:.2f} "
            f"median {tq[3]:.2f}, share >= 0.8: {np.mean(np.array(true_j) >= 0.8):.2f}; same-subject "
            f"other-story pairs ({len(neg_j)}) median {nq[0]:.3f} p99 {nq[1]:.3f} max {max(neg_j):.3f}"
        )
    return "\n".join(lines)


def ablation(stories: list[Story], seed: int) -> str:
    """Each edit alone applied to every multi-outlet story's wire text: Jaccard with the wire text."""
    rng = random.Random(seed + 1)
    outlet = OUTLETS[0]
    titles = [s.title for s in stories]
    edits = [
        ("dateline stripped", lambda d, s: edit_strip_dateline(rng, d, s, outlet)),
        ("kicker line added", lambda d, s: edit_kicker(rng, d, s, outlet)),
        ("lede trimmed", lambda d, s: edit_trim_lede(rng, d, s, outlet)),
        ("1 paragraph dropped at end", lambda d, s: edit_drop_end(rng, d, s, outlet, 1)),
        ("2 paragraphs dropped at end", lambda d, s: edit_drop_end(rng, d, s, outlet, 2)),
        ("1 paragraph added at end", lambda d, s: edit_add_end(rng, d, s, outlet, 1)),
        ("2 paragraphs added at end", lambda d, s: edit_add_end(rng, d, s, outlet, 2)),
        ("1 boilerplate line in text", lambda d, s: edit_boilerplate(rng, d, s, outlet, 1, titles)),
        ("3 boilerplate lines in text", lambda d, s: edit_boilerplate(rng, d, s, outlet, 3, titles)),
        ("footer/credit lines changed", lambda d, s: (edit_drop_credit(rng, d, s, outlet),
                                                     edit_footer(rng, d, s, outlet))),
        ("1 word changed", "words1"), ("4 words changed", "words4"), ("1 typo", "typo1"),
        ("3 typos", "typo3"),
        ("British spelling (3 words)", "british"),
    ]
    header = (f"{'edit (alone)':<30} {'median J5':>9} {'min J5':>7} {'J5>=0.8':>8} {'median J3':>9} "
              f"{'J3>=0.8':>8}")
    lines = [header, "-" * len(header)]
    multi = [s for s in stories if s.sid % 18 < 12]
    for label, edit in edits:
        j5, j3 = [], []
        for story in multi:
            base = wire_draft(story).text()
            draft = wire_draft(story)
            if callable(edit):
                edit(draft, story)
                text = draft.text()
            elif edit.startswith("words"):
                text, _ = _apply_word_changes(rng, base, int(edit[-1]), WORD_CHANGES)
            elif edit.startswith("typo"):
                text = _typos(rng, base, int(edit[-1]))
            else:
                text, _ = _apply_word_changes(rng, base, 3, BRITISH)
            j5.append(jaccard(shingles(base, 5), shingles(text, 5)))
            j3.append(jaccard(shingles(base, 3), shingles(text, 3)))
        share5, share3 = np.mean(np.array(j5) >= 0.8), np.mean(np.array(j3) >= 0.8)
        lines.append(f"{label:<30} {statistics.median(j5):>9.3f} {min(j5):>7.3f} {share5:>8.2f} "
                     f"{statistics.median(j3):>9.3f} {share3:>8.2f}")
    return "\n".join(lines)


# -- speed -----------------------------------------------------------------------------------------

def load(path: Path, n: int, settings: NearDupSettings, rng: np.random.Generator) -> dict:
    t0 = time.perf_counter()
    signatures = rng.integers(0, 2**32, size=(n, settings.num_perm), dtype=np.uint64)
    bands = settings.bands[0]
    keys = np.empty((n, bands), dtype=np.int64)
    for i in range(n):
        keys[i] = band_keys(signatures[i], settings)
    t_keys = time.perf_counter() - t0
    store = Store.open(path)
    store.upsert_outlets([{"slug": "bench", "name": "Bench", "domain": "bench.example"}])
    conn = store.conn
    conn.execute("PRAGMA journal_mode = OFF")  # benchmark temp DB only: bulk load
    conn.execute("PRAGMA synchronous = OFF")
    conn.execute("PRAGMA cache_size = -262144")
    t0 = time.perf_counter()
    conn.execute("BEGIN")
    conn.executemany(
        "INSERT INTO articles (id, url, outlet, cluster_id, word_count) VALUES (?, ?, 'bench', ?, 500)",
        ((i, f"https://bench.example/a/{i:08d}", i) for i in range(1, n + 1)),
    )
    conn.executemany(
        "INSERT INTO article_minhash (article_id, signature) VALUES (?, ?)",
        ((i + 1, signature_to_bytes(signatures[i])) for i in range(n)),
    )
    for band in range(bands):  # sorted by the primary key: appends, not random b-tree inserts
        order = np.argsort(keys[:, band], kind="stable")
        conn.executemany(
            "INSERT INTO minhash_bands (band, key, article_id) VALUES (?, ?, ?)",
            zip([band] * n, keys[order, band].tolist(), (order + 1).tolist(), strict=True),
        )
    conn.execute("COMMIT")
    t_load = time.perf_counter() - t0
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = NORMAL")
    sizes = dict(conn.execute("SELECT name, sum(pgsize) FROM dbstat GROUP BY name").fetchall())
    store.close()
    return {"signatures": signatures, "t_keys": t_keys, "t_load": t_load, "sizes": sizes,
            "file": path.stat().st_size}


def speed(n: int, settings: NearDupSettings, tmp: Path, seed: int, budget: float, planted: int = 300,
          fresh: int = 1000) -> tuple[list[str], dict]:
    rng = np.random.default_rng(seed)
    path = tmp / f"speed-{n}.db"
    loaded = load(path, n, settings, rng)
    signatures = loaded["signatures"]
    queries: list[tuple[str, np.ndarray, int]] = []
    for _ in range(planted):  # a stored signature with 2-25% of its values changed: J about 0.75-0.98
        source = int(rng.integers(0, n))
        sig = signatures[source].copy()
        changed = rng.random(settings.num_perm) < rng.uniform(0.02, 0.25)
        sig[changed] = rng.integers(0, 2**32, size=int(changed.sum()), dtype=np.uint64)
        queries.append(("planted", sig, source + 1))
    for _ in range(fresh):
        queries.append(("fresh", rng.integers(0, 2**32, size=settings.num_perm, dtype=np.uint64), 0))
    order = rng.permutation(len(queries))
    queries = [queries[i] for i in order]
    del signatures, loaded["signatures"]

    store = Store.open(path)  # as a crawl opens it (WAL)
    lookup, per_article, found, accepted, planted_done = [], [], 0, 0, 0
    started = time.perf_counter()
    for kind, sig, source in queries:
        if time.perf_counter() - started > budget:
            break
        t0 = time.perf_counter()
        keys = band_keys(sig, settings)
        t1 = time.perf_counter()
        cands = store.near_duplicate_candidates(keys)
        ids = [c["id"] for c in cands]
        t2 = time.perf_counter()
        sims = [estimated_jaccard(sig, signature_from_bytes(c["signature"])) for c in cands]
        t3 = time.perf_counter()
        lookup.append((t2 - t1) * 1000)
        per_article.append((t3 - t0) * 1000)
        if kind == "planted":
            planted_done += 1
            if source in ids:
                found += 1
                if sims[ids.index(source)] >= settings.threshold:
                    accepted += 1
    store.close()
    for suffix in ("", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)

    sizes = loaded["sizes"]
    mb = 1024 * 1024
    other = sum(v for k, v in sizes.items() if k not in ("minhash_bands", "article_minhash")) / mb
    summary = (f"{n:>9,} {loaded['t_keys']:>8.1f} {loaded['t_load']:>7.1f} {loaded['file'] / mb:>8.0f} "
               f"{sizes.get('minhash_bands', 0) / mb:>9.0f} {sizes.get('article_minhash', 0) / mb:>9.0f} "
               f"{other:>8.0f}")
    lk, pa = np.array(lookup), np.array(per_article)
    line = (f"{n:>9,} {'Store.near_duplicate_candidates':<32} {len(lk):>7} {np.median(lk):>9.2f} "
            f"{np.quantile(lk, 0.95):>8.2f} {np.median(pa):>9.2f} {np.quantile(pa, 0.95):>8.2f} "
            f"{found:>5}/{planted_done:<4} {accepted:>5}")
    return [summary, line], {"store_median": float(np.median(lk)), "store_p95": float(np.quantile(pa, 0.95)),
                             "store_count": len(lk), "queries": len(queries)}


# -- main ------------------------------------------------------------------------------------------

def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="100k signatures only, fewer quality variants")
    parser.add_argument("--seed", type=int, default=20261124)
    parser.add_argument("--budget", type=float, default=180.0,
                        help="seconds of Store lookups per database size (stops before 1,300 if slower)")
    args = parser.parse_args(argv)
    shown = argv if argv is not None else sys.argv[1:]
    print("$ python bench/eval_dedup.py" + "".join(f" {a}" for a in shown))
    started = time.perf_counter()
    default = NearDupSettings()
    print(f"newscrawl NearDupSettings() defaults: threshold {default.threshold}, "
          f"shingle {default.shingle_size} words, {default.num_perm} permutations, "
          f"LSH {default.bands[0]} bands x {default.bands[1]} rows")

    stories, docs = build_dataset(args.seed)
    lengths = [word_count(d.text) for d in docs]
    per_story = Counter(Counter(d.sid for d in docs).values())
    print()
    print("== 1. Quality: generated labelled set ==")
    multi = {k: v for k, v in per_story.items() if k > 1}
    print(f"{len(docs)} articles: {sum(multi.values())} stories run by {min(multi)}-{max(multi)} outlets "
          f"({sum(k * v for k, v in multi.items())} copies), {per_story.get(1, 0)} single-outlet stories; "
          f"{len(SUBJECTS)} subjects, "
          f"{len(stories) // len(SUBJECTS)} independent stories each (the hard negatives)")
    print(f"words per article: min {min(lengths)}, median {int(statistics.median(lengths))}, "
          f"max {max(lengths)}; verbatim copies {sum('verbatim' in d.edits for d in docs)}")
    edit_counts = Counter(re.sub(r"^\d+ ", "", e) for d in docs for e in d.edits)
    print("edits per copy: " + ", ".join(f"{e} {c}" for e, c in edit_counts.most_common()))
    variants = [(0.6, 5), (0.7, 5), (0.8, 5), (0.9, 5), (0.6, 3), (0.7, 3), (0.8, 3), (0.9, 3)]
    if args.quick:
        variants = [(0.7, 5), (0.8, 5), (0.8, 3)]
    with tempfile.TemporaryDirectory(prefix="eval-dedup-") as tmp:
        tmp_path = Path(tmp)
        print()
        print("pairs scored: all pairs inside predicted clusters (union-find over accepted pairs) vs true "
              "stories;")
        print("cid-P/cid-R: the same for the cluster_id the pipeline stores (first accepted candidate, no "
              "merging);")
        print("lsh-miss: pairs with estimated Jaccard >= threshold that LSH never proposed as candidates;")
        print("R-noLSH: recall had every pair with estimated Jaccard >= threshold been accepted (no LSH)")
        table, results = quality(docs, variants, tmp_path)
        print(table)
        best = next(r for r in results
                    if r["threshold"] == default.threshold and r["k"] == default.shingle_size)
        met = best["p"] >= TARGET_PRECISION and best["r"] >= TARGET_RECALL
        print(f"targets at the defaults: precision >= {TARGET_PRECISION} (got {best['p']:.3f}), recall >= "
              f"{TARGET_RECALL} (got {best['r']:.3f}) -> {'met' if met else 'NOT met'}")
        if not args.quick:  # the same generator with other seeds: how much the numbers move
            spread = []
            for extra in range(1, 5):
                _, other_docs = build_dataset(args.seed + extra)
                _, (row,) = quality(other_docs, [(default.threshold, default.shingle_size)], tmp_path)
                spread.append(row)
            spread.append(best)
            print(f"defaults over {len(spread)} seeds of the generator: precision "
                  f"{min(r['p'] for r in spread):.3f}-{max(r['p'] for r in spread):.3f}, recall "
                  f"{min(r['r'] for r in spread):.3f}-{max(r['r'] for r in spread):.3f} "
                  f"(mean {statistics.mean(r['r'] for r in spread):.3f})")
        merges = sum(r["same_outlet"] for r in results)
        print("same-outlet merges (the pipeline would drop the article as a duplicate), all variants: "
              f"{merges}")
        print()
        print("exact shingle Jaccard, true pairs vs independent stories on the same subject:")
        print(separation(docs))
        print()
        print("which edits cost similarity: each edit alone on the wire text of the 60 multi-outlet stories")
        print(ablation(stories, args.seed))

        print()
        print("== 2. Speed: candidate lookups against random stored signatures ==")
        print("bulk load on the benchmark's temp DB only: one transaction, PRAGMA synchronous=OFF, "
              "journal_mode=OFF (WAL again before the lookups);")
        print("articles rows carry URL and outlet only, no text; OS page cache warm (DB just written)")
        sizes_header = (f"{'stored':>9} {'keys s':>8} {'load s':>7} {'file MB':>8} {'bands MB':>9} "
                        f"{'sigs MB':>9} {'other MB':>8}")
        lookup_header = (f"{'stored':>9} {'lookup':<32} {'lookups':>7} {'median ms':>9} {'p95 ms':>8} "
                         f"{'art. med':>9} {'art. p95':>8} {'planted':>10} {'>=thr':>5}")
        size_lines, lookup_lines, notes = [], [], []
        sizes = [100_000] if args.quick else [100_000, 1_000_000]
        for n in sizes:
            lines, info = speed(n, default, tmp_path, args.seed + n, args.budget)
            size_lines.append(lines[0])
            lookup_lines.extend(lines[1:])
            if info["store_count"] < info["queries"]:
                notes.append(f"{n:,}: Store lookups stopped after {info['store_count']} of {info['queries']} "
                             f"queries (--budget {args.budget:.0f} s)")
            last = info
        print(sizes_header)
        print("-" * len(sizes_header))
        print("\n".join(size_lines))
        print()
        print(lookup_header)
        print("-" * len(lookup_header))
        print("\n".join(lookup_lines))
        print("lookup: the candidates query alone; art.: per article, band_keys + lookup + "
              "estimated_jaccard on each candidate;")
        print("planted: planted near-duplicates whose source came back as a candidate / planted queries run; "
              ">=thr: of those, estimated Jaccard >= threshold")
        for note in notes:
            print(note)
        met = last["store_p95"] < TARGET_LOOKUP_MS
        print(f"target: < {TARGET_LOOKUP_MS:g} ms per article at {sizes[-1]:,} stored signatures with "
              f"Store.near_duplicate_candidates -> {'met' if met else 'NOT met'} (median lookup "
              f"{last['store_median']:.1f} ms, p95 per article {last['store_p95']:.1f} ms)")
    print(f"\nwall time {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
