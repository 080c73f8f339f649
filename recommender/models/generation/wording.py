"""The phrasings of every sentence kind the code writes, one table (data only).

Each kind lists interchangeable templates; ``phrases.Phrases`` picks one per turn. Fields in
braces are filled from catalog facts or the shopper's own words only. Rules for new entries:
lower case after the first word (a capital mid-sentence reads as a name to the verifier); no
numbers, prices or claims of their own; nothing the shopper did not say ("you said ..." only
before the shopper's words); never "code", "discount", "free", "%" or talk of other customers;
no word that is a catalog brand, category or attribute value ("on" is a brand, "none" a
value): the verifier would take it for a fact of another product (a test checks this).
"""

from __future__ import annotations

WORDING: dict[str, tuple[str, ...]] = {
    # the service's relaxation notice ("no Sony laptops under $100; showing other brands")
    "notice": (
        "{notice}.",
        "Sorry, {notice}.",
        "Heads-up: {notice}.",
        "I checked first: {notice}.",
        "Just so you know: {notice}.",
        "Unfortunately, {notice}.",
        "I looked, and {notice}.",
        "A quick note: {notice}.",
        "To be upfront: {notice}.",
        "I searched, but {notice}.",
    ),
    # "more like this": {title} is the product the shopper started from (with its article)
    "similar": (
        "These are close to {title}.",
        "Here is what comes closest to {title}.",
        "If you like {title}, these are similar.",
        "Similar to {title}, here are a few options.",
        "Looking for something like {title}? Try these.",
        "A few alternatives to {title}.",
        "In the spirit of {title}, have a look at these.",
        "Close cousins of {title}:",
    ),
    # before the products when the model wrote no opening of its own; {heading} is what was
    # searched ("water resistant backpacks under $500")
    "opener": (
        "Here's what I found for {heading}.",
        "I'd look at these {heading}.",
        "These {heading} stand out.",
        "Let's look at {heading}.",
        "For {heading}, here are my picks.",
        "A few {heading} worth a look.",
        "Good news: there are some nice {heading}.",
        "I went through our {heading} for you.",
        "Here are my favorite {heading} right now.",
        "You have some good choices in {heading}.",
        "Searching {heading} turned up these.",
        "Some {heading} I'd happily recommend.",
        "Here's a shortlist of {heading}.",
        "I've lined up some {heading}.",
        "Take a look at these {heading}.",
    ),
    # sequence words for the model's product sentences, by position
    "first": (
        "First,",
        "To start,",
        "First up,",
        "For starters,",
        "Leading off,",
        "To begin with,",
        "My first suggestion:",
        "Top of my list:",
        "Let's start with this:",
        "Up first,",
        "Number one:",
        "Kicking off,",
        "Option one:",
        "First pick:",
    ),
    "middle": (
        "Then",
        "Next,",
        "Next up,",
        "After that,",
        "Also,",
        "Besides that,",
        "Another good one:",
        "Alternatively,",
        "Or consider this:",
        "There's also this:",
        "Plus,",
        "Worth a look too:",
        "In addition,",
        "Another pick:",
        "Also good:",
    ),
    "last": (
        "Finally,",
        "Lastly,",
        "And finally,",
        "Last but not least,",
        "To round it off,",
        "Rounding out the list,",
        "One more:",
        "And to finish,",
        "To wrap up,",
        "Last in line:",
        "Finishing up,",
        "And lastly,",
        "Final pick:",
    ),
    # a product the model's kept text did not name; {title} carries its article
    "also": (
        "There is also {title} at {price}.",
        "Another option is {title} for {price}.",
        "You could also look at {title} ({price}).",
        "{title} is worth a look too, at {price}.",
        "I'd also consider {title}, priced at {price}.",
        "And there's {title} for {price}.",
        "Also in the running: {title} at {price}.",
        "Don't miss {title}, which sells for {price}.",
        "For {price}, {title} is another choice.",
        "{title} ({price}) deserves a mention as well.",
        "Keep {title} in mind too; it's {price}.",
        "Or try {title}, listed at {price}.",
    ),
    # before a need sentence; {topic} is the shopper's own words for the need
    "need_lead": (
        "For {topic}, ",
        "As for {topic}, ",
        "Since you mentioned {topic}, ",
        "About {topic}: ",
        "With {topic} in mind, ",
        "When it comes to {topic}, ",
        "In terms of {topic}, ",
        "Regarding {topic}, ",
        "You wanted {topic}: ",
        "Now, {topic}: ",
        "If {topic} is the priority, ",
        "Checking {topic}: ",
        "Looking at {topic}, ",
        "Thinking about {topic}, ",
        "You asked about {topic}, so: ",
        "Here's how they do for {topic}: ",
    ),
    # two groups of products with different values: how the second is set against the first
    "contrast": ("; ", ", while ", ", whereas ", "; by contrast, ", "; meanwhile, "),
    # every product shares the value; {all} is "both" / "all three", {verb} agrees with it,
    # {they_verb} is "are both" / "all have"; {verb_one} {rest_one}: the singular answer
    "need_all": (
        "{all} {verb} {rest}",
        "they {they_verb} {rest}",
        "each of them {verb_one} {rest_one}",
        "every one of them {verb_one} {rest_one}",
        "whichever you choose, it {verb_one} {rest_one}",
    ),
    # the same when the shared value is a yes: the need is met by every product
    "need_all_yes": (
        "{all} {verb} {rest}",
        "they {they_verb} {rest}",
        "each of them {verb_one} {rest_one}",
        "good news, {all} {verb} {rest}",
        "you're covered either way: {all} {verb} {rest}",
        "no compromise needed, {all} {verb} {rest}",
        "whichever you choose, it {verb_one} {rest_one}",
    ),
    # no product has a yes/no feature; {none} is "neither" / "not one of them"
    "need_none": (
        "{none} {verb_one} {rest_one}",
        "sadly, {none} {verb_one} {rest_one}",
        "I have to say {none} {verb_one} {rest_one}",
        "to be honest, {none} {verb_one} {rest_one}",
    ),
    # one product answers alone and has been named before: "it"
    "need_one": (
        "it {verb} {rest}",
        "this one {verb} {rest}",
        "that pick {verb} {rest}",
    ),
    # the comparison. {name}: a product with its article; {price}: the lowest price, {high}:
    # the highest; {best}: "the longest battery life", {value}: its value; "both": one
    # product is the cheapest and the best. A price follows its own product's name or comes
    # before any name (the verifier reads it as the price of the last title before it)
    "cheapest": (
        "{name} is the cheapest at {price}",
        "{name} costs least ({price})",
        "at {price} {name} is the lowest-priced",
        "{name} is the most affordable at {price}",
        "if price comes first, {name} at {price} is the one",
        "{name} is the gentlest price at {price}",
        "prices go from {price} to {high}, with {name} the cheapest",
        "with prices between {price} and {high}, {name} is the lowest",
        "from {price} up to {high}, {name} is the entry point",
        "the range runs {price} to {high}, and {name} is the one to pick for price",
        "{name} saves the most at {price}",
        "{name} is the value pick at {price}",
        "{name} keeps the cost lowest at {price}",
        "the lowest price belongs to {name}: {price}",
    ),
    "best": (
        "{name} has {best} ({value})",
        "for {best}, go with {name} ({value})",
        "{name} offers {best}, at {value}",
        "{name} stands out with {best} ({value})",
        "{name} wins for {best} with {value}",
        "if you want {best}, that's {name} ({value})",
        "{name} leads with {best}: {value}",
        "look to {name} for {best} ({value})",
        "{name} tops the group for {best} ({value})",
        "the pick for {best} is {name} ({value})",
    ),
    "both": (
        "{name} is the cheapest at {price} and has {best} ({value})",
        "{name} is both the cheapest ({price}) and the one with {best} ({value})",
        "at {price}, {name} costs least and also has {best} ({value})",
        "{name} is a strong pick: the lowest price ({price}) and {best} ({value})",
        "{name} gives you the lowest price, {price}, plus {best} ({value})",
    ),
    "compare_lead": (
        "To compare: ",
        "Side by side, ",
        "Comparing them, ",
        "",
        "In short, ",
        "Between them, ",
        "Quick comparison: ",
        "To help you choose, ",
        "",
        "",
        "If it helps, ",
        "Putting them together, ",
        "Weighing them up, ",
        "For a quick overview, ",
    ),
    # after everything else, on half the turns ("closer_one": one product). {top}: the
    # first product's name with its article; {aspect}: an attribute the products differ in
    # ("screen size"); {things}: what they are ("backpacks")
    "closer": (
        "Want me to narrow these down further?",
        "Shall I show you more {things}?",
        "Tell me which one catches your eye and I'll share the details.",
        "Happy to look for cheaper {things} if you like.",
        "Want more like {top}?",
        "Let me know if one of them looks right.",
        "Any of these catch your eye?",
        "Which one sounds best to you?",
        "If {top} appeals, I can find similar ones.",
        "Curious about {top}? Ask me for the details.",
        "I can also narrow these down by {aspect}.",
        "If {aspect} matters to you, I can narrow it down by that.",
        "Want to narrow them by {aspect}?",
        "Should I look for more {things} like {top}?",
    ),
    "closer_one": (
        "Shall I show you more {things}?",
        "Want more like {top}?",
        "Let me know if you'd like the details.",
        "Should I look for something similar?",
        "If {top} isn't quite it, I can keep looking.",
    ),
    # the model's "Its color is X." where the title does not already say X
    "color": ("It comes in {value}.", "This one is {value}.", "The color here is {value}."),
}

#: how a product answers a need, by attribute key: phrasings as (verb, words before the
#: value, words after it); a turn takes them in turn, so two products in one sentence read
#: differently ("has a battery life of 7 days; ... runs 10 days between charges")
ANSWERS: dict[str, tuple[tuple[str, str, str], ...]] = {
    "battery_hours": (
        ("has", "", " hours of battery"),
        ("lasts", "", " hours per charge"),
        ("gets", "", " hours of playback"),
    ),
    "battery_life": (
        ("has", "a battery life of ", ""),
        ("lasts", "", " per charge"),
        ("runs", "", " between charges"),
    ),
    "battery": (("has", "a ", " battery"), ("packs", "a ", " battery")),
    "water_resistance": (
        ("is", "water-resistant to ", ""),
        ("is", "rated ", " for water resistance"),
    ),
    "video": (("records", "", " video"), ("shoots", "", " video")),
    "type": (("is", "a ", " model"),),
    "surface": (("is", "built for ", " running"), ("is", "designed for ", " running")),
    "cushioning": (("has", "", " cushioning"), ("offers", "", " cushioning")),
    "support": (("gives", "", " support"), ("offers", "", " support")),
    "lens": (("comes", "with a ", " lens"), ("has", "a ", " lens")),
    "camera": (("has", "a ", " camera"), ("comes", "with a ", " camera")),
    "network": (("supports", "", ""), ("connects", "to ", "")),
    "compatibility": (("works", "with ", ""),),
    "use": (("is", "made for ", ""), ("is", "designed for ", "")),
    "megapixels": (("shoots", "", ""), ("shoots", "", " photos")),
    "screen_size": (("has", "a ", " screen"), ("has", "a ", " display")),
    "capacity": (("holds", "", ""), ("has", "a capacity of ", "")),
    "laptop_sleeve": (("fits", "a ", " laptop"), ("takes", "a ", " laptop")),
    "os": (("runs", "", ""), ("comes", "with ", "")),
    "gpu": (("has", "", " graphics"), ("uses", "", " graphics")),
    "storage": (
        ("has", "", " of storage"),
        ("comes", "with ", " of storage"),
        ("offers", "", " of storage"),
    ),
    "ram": (("has", "", " of RAM"), ("comes", "with ", " of RAM")),
    "weight": (("weighs", "", ""),),
}

#: how the closer names an attribute the products differ in (keys not listed are not offered)
ASPECTS: dict[str, str] = {
    "color": "color",
    "capacity": "capacity",
    "screen_size": "screen size",
    "storage": "storage",
    "ram": "memory",
    "battery_hours": "battery life",
    "battery_life": "battery life",
    "battery": "battery size",
    "case_size": "case size",
    "cushioning": "cushioning",
    "type": "type",
    "use": "use",
    "lens": "lens",
    "video": "video resolution",
    "megapixels": "resolution",
}

#: counted words for "both" / "all three" (more products: "all of them")
COUNT_WORDS = {2: "two", 3: "three", 4: "four", 5: "five", 6: "six"}
