"""Pure-Python code shared by the recommender (3.11) and the Rasa action server (3.8-3.10).

Nothing here imports torch, spaCy or Rasa: the modules must install into any Rasa 3.6
action-server virtualenv.
"""
